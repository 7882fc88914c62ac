using Homelab.Engine.Inventory;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Plan.Prune;

/// <summary>
/// What prune planning needs. <see cref="Previous"/> are the objects we applied before: Flux's previous
/// inventory, or for Argo the live objects carrying the app's tracking mark. <see cref="Live"/> is the
/// cache's view of those objects. <see cref="Propagation"/> is Flux's (background) or Argo's app-level default.
/// </summary>
public sealed record PruneRequest(
    IEnumerable<ObjectId> Previous,
    IEnumerable<KubeObject> Desired,
    IReadOnlyDictionary<ObjectId, KubeObject> Live,
    IOwnerMark Owner)
{
    public SyncOptions AppOptions { get; init; } = SyncOptions.Default;

    public PropagationPolicy? Propagation { get; init; }
}
