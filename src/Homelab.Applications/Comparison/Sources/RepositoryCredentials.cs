using Homelab.Git.Credentials;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Comparison.Sources;

/// <summary>
/// Argo CD repository Secrets (<c>argocd.argoproj.io/secret-type: repository|repo-creds</c>) in the
/// control-plane namespace. They are listed with one label-selected request and reused for a while,
/// so a refresh that finds nothing new costs no Kubernetes read. A Secret that does not parse is
/// skipped (its name is logged by the caller's status, never its values).
/// </summary>
public sealed class RepositoryCredentials(IClusterClient client, string @namespace, TimeSpan reuseFor, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<ArgoRepositoryCredential> _known = [];
    private DateTimeOffset _listedAt = DateTimeOffset.MinValue;

    public async Task<GitCredentials> ForAsync(string repositoryUrl, bool reload, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (reload || time.GetUtcNow() - _listedAt >= reuseFor)
            {
                var list = await client.ListAsync("v1", "Secret", new ListOptions(@namespace, ArgoRepositorySecret.SecretTypeLabel), cancellationToken);
                _known = [.. list.Items.Select(Parse).OfType<ArgoRepositoryCredential>()];
                _listedAt = time.GetUtcNow();
            }

            return ArgoRepositorySecret.Select(_known, repositoryUrl);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static ArgoRepositoryCredential? Parse(KubeObject secret)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (secret.Get("data") is System.Text.Json.Nodes.JsonObject encoded)
        {
            foreach (var (key, value) in encoded)
            {
                if (value?.GetValue<string>() is { } text)
                {
                    data[key] = Convert.FromBase64String(text);
                }
            }
        }

        try
        {
            return ArgoRepositorySecret.Parse(data, secret.Labels, secret.Name);
        }
        catch (Exception e) when (e is GitCredentialsException or FormatException)
        {
            return null;
        }
    }
}
