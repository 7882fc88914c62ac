using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Cli.Install;

/// <summary>The Secret the services read their API token from (mounted, <c>Api:TokenFile</c>).</summary>
public static class ApiTokenSecret
{
    public static KubeObject Build(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return new KubeObject(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = InstallManifest.TokenSecretName,
                ["namespace"] = InstallManifest.Namespace,
                ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "homelab" },
            },
            ["type"] = "Opaque",
            // data, not stringData: the API server stores data, so a second run compares equal and writes nothing.
            ["data"] = new JsonObject { [InstallManifest.TokenSecretKey] = Convert.ToBase64String(Encoding.UTF8.GetBytes(token)) },
        });
    }

    /// <summary>256 random bits, hex: what a user would otherwise make with <c>openssl rand -hex 32</c>.</summary>
    public static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
