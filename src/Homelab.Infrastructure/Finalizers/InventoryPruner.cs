using Homelab.Engine.Inventory;
using Homelab.Engine.Plan;
using Homelab.Engine.Sync;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Finalizers;

/// <summary>
/// Deletes everything an inventory lists, for an object being deleted, through the sync engine's safe prune:
/// an empty desired state, so every listed object is stale, and the engine deletes only those still carrying
/// <see cref="IOwnerMark"/> (reverse apply order, uid preconditions, refused while the cache is not synced).
/// Objects already gone are fine.
/// </summary>
public sealed class InventoryPruner(SyncExecutor executor)
{
    /// <summary>Returns null when everything owned is deleted, or why not.</summary>
    public async Task<string?> PruneAllAsync(IReadOnlyList<ObjectId> inventory, string fieldManager, IOwnerMark mark, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (inventory.Count == 0)
        {
            return null;
        }

        var request = new SyncRequest([], fieldManager, mark)
        {
            PreviousInventory = inventory,
            Mode = PlanningMode.Staged,
            Prune = true,
            Timeout = timeout,
        };
        var report = await executor.SyncAsync(request, cancellationToken);
        return report.Result.Succeeded
            ? null
            : report.Result.Message ?? string.Join("; ", report.Result.Failures.Select(f => $"{f.Id}: {f.Message}"));
    }
}
