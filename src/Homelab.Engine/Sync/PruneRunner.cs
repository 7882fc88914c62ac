using Homelab.Engine.Plan;
using Homelab.Engine.Plan.Prune;
using Homelab.Engine.Results;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Sync;

/// <summary>
/// Deletes what left the desired set, as <see cref="PrunePlanner"/> decides (marked objects only, never
/// prune-disabled ones or hooks; PruneLast last; reverse apply order). Every delete carries the uid the
/// decision was made on, so an object replaced in the meantime is never deleted. Called only after
/// everything else succeeded; refuses outright when the cache is not synced, since an absent object
/// would then be a guess.
/// </summary>
public sealed class PruneRunner(IClusterClient client, ClusterCache cache, TransientRetry retry)
{
    private readonly PrunePlanner _planner = new();

    /// <summary>False (and the result failed) when pruning was refused or a delete failed.</summary>
    public async Task<bool> RunAsync(SyncRequest request, IReadOnlyList<KubeObject> desired, SyncResultBuilder results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(results);
        var desiredIds = desired.Select(d => d.Id).ToHashSet();
        var candidates = request.PreviousInventory.Where(id => !desiredIds.Contains(id)).Distinct().ToList();
        if (candidates.Count == 0)
        {
            return true;
        }

        if (!cache.IsSynced || candidates.Any(id => !IsWatchedAndSynced(id)))
        {
            results.Fail("prune refused: the cache is not synced for every kind in the inventory, so nothing was deleted");
            return false;
        }

        var live = new Dictionary<ObjectId, KubeObject>();
        foreach (var id in candidates)
        {
            if (IsWatched(id) && cache.Get(id) is { } obj)
            {
                live[id] = obj;
            }
        }

        var plan = _planner.Plan(new PruneRequest(candidates, desired, live, request.Owner)
        {
            AppOptions = request.AppOptions,
            // Flux deletes in the background; Argo CD's default (foreground) comes from the sync options.
            Propagation = request.PrunePropagation ?? (request.Mode == PlanningMode.Staged ? PropagationPolicy.Background : null),
        });

        foreach (var skip in plan.Skipped.Where(s => s.Reason != PruneSkipReason.NotFound))
        {
            results.RecordPruneSkipped(skip, live.TryGetValue(skip.Id, out var obj) ? obj.Version : "");
        }

        var ok = true;
        foreach (var task in plan.Deletions)
        {
            var options = new DeleteOptions(task.Propagation.ToString(), task.Live.GetString("metadata", "uid"));
            try
            {
                await retry.RunAsync(ct => client.DeleteAsync(ApplyRunner.Reference(task.Live), options, ct), cancellationToken);
                results.RecordPruned(task);
            }
            catch (ConflictException)
            {
                // The uid precondition failed: the object was replaced since we decided; leave the new one alone.
                results.RecordPruneSkipped(new PruneSkip(task.Id, PruneSkipReason.NotOwned), task.Live.Version);
            }
            catch (KubernetesApiException e)
            {
                results.RecordFailure(task.Id, task.Live.Version, SyncPhase.Sync, 0, $"prune failed: {e.Message}");
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>Watched and synced, or a kind the server no longer serves (so no such object can exist).</summary>
    private bool IsWatchedAndSynced(ObjectId id) =>
        cache.Informers.FirstOrDefault(i => i.Type.Group == id.Group && i.Type.Kind == id.Kind) is { IsSynced: true }
        || !client.Discovery.TryResolve(id.Group, id.Kind, null, out ResourceType _);

    private bool IsWatched(ObjectId id) => cache.Informers.Any(i => i.Type.Group == id.Group && i.Type.Kind == id.Kind);
}
