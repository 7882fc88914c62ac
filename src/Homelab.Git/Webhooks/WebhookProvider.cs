namespace Homelab.Git.Webhooks;

/// <summary>Who sends the webhook, which decides how it is verified and parsed (Flux Receiver types).</summary>
public enum WebhookProvider
{
    /// <summary><c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c> HMAC of the body.</summary>
    GitHub,

    /// <summary>Gitea signs like GitHub (and also sends <c>X-Gitea-Signature</c> as bare hex).</summary>
    Gitea,

    /// <summary>A shared token in <c>X-Gitlab-Token</c>.</summary>
    GitLab,

    /// <summary><c>X-Signature: sha256=&lt;hex&gt;</c> (or <c>sha1=</c>) HMAC of the body, any JSON payload.</summary>
    GenericHmac,
}
