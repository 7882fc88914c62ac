using Homelab.Api.Flux;
using Homelab.Api.Specs;
using Homelab.Engine.Inventory;
using Homelab.Infrastructure.Finalizers;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary>
/// Flux's <c>finalizers.fluxcd.io</c> on a Kustomization (<see cref="FluxFinalizer"/>): deleting one with
/// <c>prune: true</c> first deletes what its inventory lists (only objects still carrying its
/// <c>kustomize.toolkit.fluxcd.io/name|namespace</c> labels, never <c>prune: disabled</c> ones), and only
/// then lets it go. <c>prune: false</c>, a suspended object or an unreadable spec release it without pruning.
/// </summary>
internal sealed class KustomizationFinalizer(FluxFinalizer finalizer, InventoryPruner pruner)
{
    /// <summary>Adds the finalizer; returns the object as the server now has it.</summary>
    public Task<KubeObject> AddAsync(KubeObject obj, CancellationToken cancellationToken) => finalizer.AddAsync(obj, cancellationToken);

    /// <summary>
    /// Prunes (when the spec asks for it) and removes the finalizer. Returns null when the object is released,
    /// or the failure that keeps it (the finalizer stays and the run is retried).
    /// </summary>
    public async Task<string?> FinalizeAsync(KubeObject obj, SpecResult<KustomizationSpec> read, CancellationToken cancellationToken)
    {
        if (!FluxFinalizer.Holds(obj))
        {
            return null;
        }

        // A spec that cannot be read cannot say prune: true; keeping objects is the safe side.
        if (read.IsValid && read.Spec.Prune && !read.Spec.Suspend)
        {
            var inventory = KustomizationStatus.Read(obj).Inventory ?? FluxInventory.Empty;
            var failure = await pruner.PruneAllAsync([.. inventory.Ids], KustomizationKind.FieldManager,
                new FluxOwnerMark(obj.Name, obj.Namespace ?? "default"), read.Spec.Timeout, cancellationToken);
            if (failure is not null)
            {
                return failure;
            }
        }

        await finalizer.ReleaseAsync(obj, cancellationToken);
        return null;
    }
}
