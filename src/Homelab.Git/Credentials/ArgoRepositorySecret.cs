namespace Homelab.Git.Credentials;

/// <summary>
/// Parses Argo CD repository Secrets: label <c>argocd.argoproj.io/secret-type</c> = <c>repository</c>
/// (one repository, matched by exact <c>url</c>) or <c>repo-creds</c> (a template matched by URL prefix),
/// with <c>url</c>, <c>username</c>/<c>password</c>, <c>bearerToken</c> or <c>sshPrivateKey</c>.
/// Argo keeps SSH host keys in the <c>argocd-ssh-known-hosts-cm</c> ConfigMap, so they come in separately.
/// </summary>
public static class ArgoRepositorySecret
{
    public const string SecretTypeLabel = "argocd.argoproj.io/secret-type";

    /// <summary>True when the labels mark a Secret Argo CD would read as repository credentials.</summary>
    public static bool IsRepositorySecret(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(SecretTypeLabel, out var type) && type is "repository" or "repo-creds";

    public static ArgoRepositoryCredential Parse(
        IReadOnlyDictionary<string, byte[]> data,
        IReadOnlyDictionary<string, string> labels,
        string secretName,
        KnownHosts? knownHosts = null)
    {
        var secret = new SecretData(data, secretName);
        if (!labels.TryGetValue(SecretTypeLabel, out var type) || type is not ("repository" or "repo-creds"))
        {
            throw secret.Invalid($"label '{SecretTypeLabel}' must be 'repository' or 'repo-creds'");
        }

        var url = secret.Require("url", "it names the repository the credentials are for");
        if (url.Contains('@') && Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.UserInfo.Contains(':'))
        {
            throw secret.Invalid("key 'url' must not contain a password; use 'username' and 'password'");
        }

        var key = secret.Get("sshPrivateKey");
        var token = secret.Get("bearerToken");
        var username = secret.Get("username");
        var password = secret.Get("password");
        var credentials = key is not null ? GitCredentials.Ssh(username, key, null, knownHosts)
            : token is not null ? GitCredentials.Bearer(token)
            : password is not null ? GitCredentials.Basic(username ?? "", password)
            : GitCredentials.Anonymous;
        return new ArgoRepositoryCredential(url, type == "repo-creds", credentials);
    }

    /// <summary>
    /// Argo's lookup: a <c>repository</c> Secret with the same URL wins; otherwise the <c>repo-creds</c>
    /// template with the longest URL prefix; otherwise anonymous.
    /// </summary>
    public static GitCredentials Select(IEnumerable<ArgoRepositoryCredential> candidates, string repositoryUrl)
    {
        var key = Mapping.GitUrl.Key(repositoryUrl);
        ArgoRepositoryCredential? bestTemplate = null;
        foreach (var candidate in candidates)
        {
            if (!candidate.IsTemplate && Mapping.GitUrl.Key(candidate.Url) == key)
            {
                return candidate.Credentials;
            }

            if (candidate.IsTemplate
                && repositoryUrl.StartsWith(candidate.Url, StringComparison.OrdinalIgnoreCase)
                && (bestTemplate is null || candidate.Url.Length > bestTemplate.Url.Length))
            {
                bestTemplate = candidate;
            }
        }

        return bestTemplate?.Credentials ?? GitCredentials.Anonymous;
    }
}
