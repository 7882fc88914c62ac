using System.Net.Http.Headers;
using System.Text;
using Homelab.Kubernetes.Client;
using Homelab.Manifests;

namespace Homelab.Infrastructure.Helm.Repositories;

/// <summary>
/// HTTP basic auth from a HelmRepository's <c>secretRef</c> (keys <c>username</c> and <c>password</c>, as Flux reads
/// them). The header is only ever sent to the repository's own host; the values never appear in messages.
/// </summary>
public sealed record RepositoryCredentials(string Host, AuthenticationHeaderValue? Authorization)
{
    public static async Task<RepositoryCredentials> ReadAsync(IClusterClient client, Uri repository, string? secretName, string @namespace, CancellationToken cancellationToken)
    {
        if (secretName is null)
        {
            return new RepositoryCredentials(repository.Host, null);
        }

        var secret = await client.TryGetAsync(new ObjectReference("v1", "Secret", @namespace, secretName), cancellationToken)
            ?? throw new ManifestException($"secret '{@namespace}/{secretName}' not found");
        var username = Decode(secret.GetString("data", "username"));
        var password = Decode(secret.GetString("data", "password"));
        if (username is null || password is null)
        {
            throw new ManifestException($"secret '{@namespace}/{secretName}' must hold both 'username' and 'password'");
        }

        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
        return new RepositoryCredentials(repository.Host, new AuthenticationHeaderValue("Basic", token));
    }

    /// <summary>Adds the header when <paramref name="target"/> is on the repository's host (Flux does not pass credentials to other hosts).</summary>
    public void Apply(HttpRequestMessage request)
    {
        if (Authorization is not null && string.Equals(request.RequestUri?.Host, Host, StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Authorization = Authorization;
        }
    }

    private static string? Decode(string? base64)
    {
        if (base64 is null)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
