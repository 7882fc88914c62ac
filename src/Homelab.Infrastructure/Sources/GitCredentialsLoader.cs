using System.Text.Json.Nodes;
using Homelab.Git.Credentials;
using Homelab.Kubernetes.Client;

namespace Homelab.Infrastructure.Sources;

/// <summary>Reads a GitRepository's <c>secretRef</c> (a Secret in its own namespace) into credentials with Flux's key names.</summary>
public sealed class GitCredentialsLoader(IClusterClient client)
{
    /// <exception cref="GitCredentialsException">The Secret is missing or its keys are not usable; the message names the Secret, never a value.</exception>
    public async Task<GitCredentials> LoadAsync(string? secretName, string @namespace, CancellationToken cancellationToken)
    {
        if (secretName is null)
        {
            return GitCredentials.Anonymous;
        }

        var secret = await client.TryGetAsync(new ObjectReference("v1", "Secret", @namespace, secretName), cancellationToken)
            ?? throw new GitCredentialsException($"secret '{@namespace}/{secretName}' not found");
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (secret.Get("data") is JsonObject encoded)
        {
            foreach (var (key, value) in encoded)
            {
                if (value is JsonValue text && text.TryGetValue<string>(out var base64))
                {
                    try
                    {
                        data[key] = Convert.FromBase64String(base64);
                    }
                    catch (FormatException)
                    {
                        throw new GitCredentialsException($"secret '{@namespace}/{secretName}': key '{key}' is not valid base64");
                    }
                }
            }
        }

        return FluxGitSecret.Parse(data, $"{@namespace}/{secretName}");
    }
}
