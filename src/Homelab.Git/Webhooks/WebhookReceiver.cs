namespace Homelab.Git.Webhooks;

/// <summary>A configured webhook endpoint: its route name, provider and the shared secret (never printed).</summary>
public sealed record WebhookReceiver(string Name, WebhookProvider Provider, byte[] Secret)
{
    public override string ToString() => $"WebhookReceiver({Name}, {Provider}, secret redacted)";
}
