using Homelab.Engine.Inventory;
using Homelab.Engine.Plan;
using Homelab.Engine.Sync;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Helm.Releases;

/// <summary>
/// Applies one release version's objects through the sync engine as helm-controller does: Flux's staged apply,
/// server-side apply as <c>helm-controller</c>, wait for health, then prune what the previous version applied and
/// this one does not.
/// </summary>
public sealed class ReleaseApplier(SyncExecutor executor)
{
    public const string FieldManager = "helm-controller";

    public Task<SyncReport> ApplyAsync(ReleaseTarget target, IReadOnlyList<KubeObject> objects, IReadOnlyList<ObjectId> previousInventory, CancellationToken cancellationToken)
    {
        var request = new SyncRequest(objects, FieldManager, target.Mark)
        {
            Mode = PlanningMode.Staged,
            Prune = true,
            Wait = true,
            Timeout = target.Timeout,
            PreviousInventory = previousInventory,
            DestinationNamespace = target.Namespace,
            AppOptions = target.CreateNamespace ? SyncOptions.Default with { CreateNamespace = true } : SyncOptions.Default,
        };
        return executor.SyncAsync(request, cancellationToken);
    }

    /// <summary>The inventory to record, with each object's API version taken from what was rendered.</summary>
    public static FluxInventory InventoryOf(IReadOnlyList<ObjectId> ids, IReadOnlyList<KubeObject> objects, FluxInventory previous)
    {
        var versions = new Dictionary<(string, string, string), string>();
        foreach (var obj in objects)
        {
            versions[(obj.Group, obj.Kind, obj.Name)] = obj.Version;
        }

        var previousVersions = previous.Entries.ToDictionary(e => e.Id, e => e.Version, StringComparer.Ordinal);
        return new FluxInventory(ids.Select(id =>
        {
            var key = id.ToFluxInventoryId();
            var version = versions.GetValueOrDefault((id.Group, id.Kind, id.Name)) ?? previousVersions.GetValueOrDefault(key) ?? "v1";
            return new FluxInventoryEntry(key, version);
        }));
    }
}

/// <summary>Where and how a release is applied: its name and namespace, the owner mark, the timeout.</summary>
public sealed record ReleaseTarget(string ReleaseName, string Namespace, string StorageNamespace, HelmOwnerMark Mark, TimeSpan Timeout, bool CreateNamespace, bool IncludeCrds);
