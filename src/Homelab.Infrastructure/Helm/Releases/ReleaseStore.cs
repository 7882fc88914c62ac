using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Helm.Releases;

/// <summary>
/// Keeps each release version's rendered objects in a Secret <c>homelab.helm.release.v1.&lt;release&gt;.v&lt;N&gt;</c> in the
/// storage namespace (gzip'd JSON, as Helm keeps its own <c>sh.helm.release.v1.*</c> Secrets), so a rollback can re-apply
/// the last good version even after a restart. The versions listed in the release's history are kept; older ones are deleted.
/// </summary>
public sealed class ReleaseStore(IClusterClient client)
{
    public const string FieldManager = "helm-controller";
    public const string SecretType = "homelab.dev/helm.release.v1";
    public const string ReleaseLabel = "homelab.dev/helm-release";
    public const string VersionLabel = "homelab.dev/helm-release-version";
    public const string StatusLabel = "homelab.dev/helm-release-status";

    public static string SecretName(string release, int version) => $"homelab.helm.release.v1.{release}.v{version}";

    public async Task SaveAsync(ReleaseSnapshot snapshot, IReadOnlyList<KubeObject> objects, string storageNamespace, CancellationToken cancellationToken)
    {
        var payload = new JsonObject
        {
            ["release"] = snapshot.ToJson(),
            ["objects"] = new JsonArray([.. objects.Select(o => (JsonNode)o.Body.DeepClone())]),
        };
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = SecretName(snapshot.Name, snapshot.Version),
                ["namespace"] = storageNamespace,
                ["labels"] = new JsonObject
                {
                    [ReleaseLabel] = snapshot.Name,
                    [VersionLabel] = snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [StatusLabel] = snapshot.Status,
                    ["owner"] = "homelab",
                },
            },
            ["type"] = SecretType,
            ["data"] = new JsonObject { ["release"] = Convert.ToBase64String(Compress(payload.ToJsonString())) },
        };
        await client.ApplyAsync(new KubeObject(secret), new ApplyOptions(FieldManager, Force: true), cancellationToken);
    }

    /// <summary>The objects a stored version applied, or null when that version is no longer stored.</summary>
    public async Task<IReadOnlyList<KubeObject>?> LoadObjectsAsync(string release, int version, string storageNamespace, CancellationToken cancellationToken)
    {
        var secret = await client.TryGetAsync(new ObjectReference("v1", "Secret", storageNamespace, SecretName(release, version)), cancellationToken);
        if (secret?.GetString("data", "release") is not { } data)
        {
            return null;
        }

        try
        {
            var payload = JsonNode.Parse(Decompress(Convert.FromBase64String(data))) as JsonObject;
            return [.. (payload?["objects"] as JsonArray ?? []).OfType<JsonObject>().Select(o => new KubeObject((JsonObject)o.DeepClone()))];
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new ManifestException($"stored release {storageNamespace}/{SecretName(release, version)} is corrupt: {e.Message}");
        }
    }

    /// <summary>Deletes stored versions of <paramref name="release"/> that are not in <paramref name="keep"/>.</summary>
    public async Task PruneAsync(string release, IReadOnlySet<int> keep, string storageNamespace, CancellationToken cancellationToken)
    {
        var stored = await client.ListAsync("v1", "Secret", new ListOptions(storageNamespace, $"{ReleaseLabel}={release},owner=homelab"), cancellationToken);
        foreach (var secret in stored.Items)
        {
            if (int.TryParse(secret.GetLabel(VersionLabel), System.Globalization.CultureInfo.InvariantCulture, out var version) && !keep.Contains(version))
            {
                try
                {
                    await client.DeleteAsync(ObjectReference.From(secret), new DeleteOptions(), cancellationToken);
                }
                catch (NotFoundException)
                {
                    // Deleted concurrently: the outcome wanted.
                }
            }
        }
    }

    /// <summary>Deletes every stored version of <paramref name="release"/>: the release's storage, on uninstall.</summary>
    public Task DeleteAllAsync(string release, string storageNamespace, CancellationToken cancellationToken) =>
        PruneAsync(release, new HashSet<int>(), storageNamespace, cancellationToken);

    private static byte[] Compress(string json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        return buffer.ToArray();
    }

    private static string Decompress(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
