using System.Text.Json.Nodes;
using Homelab.Api.Flux;
using Homelab.Api.Specs;
using Homelab.Engine.Inventory;
using Homelab.Engine.Plan;
using Homelab.Engine.Sync;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary>
/// Flux's <c>finalizers.fluxcd.io</c>: added to every Kustomization before its first apply, so that deleting
/// one with <c>prune: true</c> first deletes what its inventory lists (only objects still carrying its
/// <c>kustomize.toolkit.fluxcd.io/name|namespace</c> labels, never <c>prune: disabled</c> ones), and only
/// then lets it go. <c>prune: false</c>, a suspended object or an unreadable spec release it without pruning.
/// </summary>
internal sealed class KustomizationFinalizer(IClusterClient client, SyncExecutor executor)
{
    public const string Finalizer = "finalizers.fluxcd.io";

    public static bool IsDeleting(KubeObject obj) => obj.Get("metadata", "deletionTimestamp") is not null;

    public static bool Holds(KubeObject obj) => Finalizers(obj).Contains(Finalizer);

    /// <summary>Adds the finalizer; returns the object as the server now has it.</summary>
    public async Task<KubeObject> AddAsync(KubeObject obj, CancellationToken cancellationToken) =>
        await PatchFinalizersAsync(obj, [.. Finalizers(obj), Finalizer], cancellationToken);

    /// <summary>
    /// Prunes (when the spec asks for it) and removes the finalizer. Returns null when the object is released,
    /// or the failure that keeps it (the finalizer stays and the run is retried).
    /// </summary>
    public async Task<string?> FinalizeAsync(KubeObject obj, SpecResult<KustomizationSpec> read, CancellationToken cancellationToken)
    {
        if (!Holds(obj))
        {
            return null;
        }

        // A spec that cannot be read cannot say prune: true; keeping objects is the safe side.
        var prune = read.IsValid && read.Spec.Prune && !read.Spec.Suspend;
        var inventory = KustomizationStatus.Read(obj).Inventory;
        if (prune && inventory is { Entries.Count: > 0 })
        {
            var request = new SyncRequest([], KustomizationKind.FieldManager, new FluxOwnerMark(obj.Name, obj.Namespace ?? "default"))
            {
                PreviousInventory = [.. inventory.Ids],
                Mode = PlanningMode.Staged,
                Prune = true,
                Timeout = read.Spec.Timeout,
            };
            var report = await executor.SyncAsync(request, cancellationToken);
            if (!report.Result.Succeeded)
            {
                return report.Result.Message ?? string.Join("; ", report.Result.Failures.Select(f => $"{f.Id}: {f.Message}"));
            }
        }

        try
        {
            await PatchFinalizersAsync(obj, [.. Finalizers(obj).Where(f => f != Finalizer)], cancellationToken);
        }
        catch (NotFoundException)
        {
            // Already gone: released by someone else.
        }

        return null;
    }

    private static List<string> Finalizers(KubeObject obj) =>
        [.. (obj.Get("metadata", "finalizers") as JsonArray ?? []).Select(f => f?.GetValue<string>() ?? "")];

    /// <summary>A merge patch replaces the whole list, so it carries the resourceVersion it was computed from: a concurrent edit conflicts instead of being lost.</summary>
    private async Task<KubeObject> PatchFinalizersAsync(KubeObject obj, IEnumerable<string> finalizers, CancellationToken cancellationToken)
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
