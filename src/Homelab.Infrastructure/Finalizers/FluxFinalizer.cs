using System.Text.Json.Nodes;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Finalizers;

/// <summary>
/// Flux's <c>finalizers.fluxcd.io</c>, shared by the Kustomization and HelmRelease controllers: added before the
/// first apply so that a deletion waits for the controller to clean up what the object applied, and removed once
/// it has (or once the object asked to keep its objects).
/// </summary>
public sealed class FluxFinalizer(IClusterClient client)
{
    public const string Name = "finalizers.fluxcd.io";

    public static bool IsDeleting(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Get("metadata", "deletionTimestamp") is not null;
    }

    public static bool Holds(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Finalizers(obj).Contains(Name);
    }

    /// <summary>Adds the finalizer; returns the object as the server now has it.</summary>
    public async Task<KubeObject> AddAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return await PatchAsync(obj, [.. Finalizers(obj), Name], cancellationToken);
    }

    /// <summary>Removes the finalizer, letting the deletion complete; an object already gone is fine.</summary>
    public async Task ReleaseAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        try
        {
            await PatchAsync(obj, [.. Finalizers(obj).Where(f => f != Name)], cancellationToken);
        }
        catch (NotFoundException)
        {
            // Already gone: released by someone else.
        }
    }

    private static List<string> Finalizers(KubeObject obj) =>
        [.. (obj.Get("metadata", "finalizers") as JsonArray ?? []).Select(f => f?.GetValue<string>() ?? "")];

    /// <summary>A merge patch replaces the whole list, so it carries the resourceVersion it was computed from: a concurrent edit conflicts instead of being lost.</summary>
    private async Task<KubeObject> PatchAsync(KubeObject obj, IEnumerable<string> finalizers, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = obj.GetString("metadata", "resourceVersion"),
                ["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode?)JsonValue.Create(f))]),
            },
        };
        return await client.PatchAsync(ObjectReference.From(obj), patch.ToJsonString(), PatchType.Merge, new WriteOptions(), cancellationToken);
    }
}
