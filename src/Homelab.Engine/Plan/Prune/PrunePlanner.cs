using Homelab.Manifests.Objects;

namespace Homelab.Engine.Plan.Prune;

/// <summary>
/// Decides what may be deleted: objects we applied before that are no longer desired, still exist,
/// still carry our mark, are not hooks and are not prune-disabled. Deletions run in reverse apply order
/// (higher waves first, Deployments before Namespaces), with PruneLast ones after all others.
/// Whether to prune at all (render, apply and health succeeded; the cache is synced) is the caller's
/// decision: this only plans.
/// </summary>
public sealed class PrunePlanner
{
    public PrunePlan Plan(PruneRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var desired = request.Desired.Select(d => d.Id).ToHashSet();
        var deletions = new List<(PruneTask Task, int Wave)>();
        var skipped = new List<PruneSkip>();
        foreach (var id in request.Previous.Distinct().Where(id => !desired.Contains(id)))
        {
            if (!request.Live.TryGetValue(id, out var live))
            {
                skipped.Add(new PruneSkip(id, PruneSkipReason.NotFound));
                continue;
            }

            if (!request.Owner.IsMarked(live))
            {
                skipped.Add(new PruneSkip(id, PruneSkipReason.NotOwned));
                continue;
            }

            if (HookParser.Parse(live).IsHook)
            {
                skipped.Add(new PruneSkip(id, PruneSkipReason.Hook));
                continue;
            }

            var options = request.AppOptions.With(live.GetAnnotation(PlanAnnotations.ArgoSyncOptions), id.ToString());
            if (!options.Prune || !options.Delete || FluxObjectOptions.Parse(live).PruneDisabled)
            {
                skipped.Add(new PruneSkip(id, PruneSkipReason.PruneDisabled));
                continue;
            }

            var propagation = request.Propagation ?? options.PrunePropagationPolicy;
            deletions.Add((new PruneTask(live, options.PruneLast, propagation), SyncWave.Of(live)));
        }

        // PruneLast ones go last; within each group, reverse apply order.
        deletions.Sort((a, b) => a.Task.PruneLast != b.Task.PruneLast ? a.Task.PruneLast.CompareTo(b.Task.PruneLast) : Compare(b, a));
        return new PrunePlan([.. deletions.Select(d => d.Task)], skipped);
    }

    /// <summary>Apply order; deletions use its reverse.</summary>
    private static int Compare((PruneTask Task, int Wave) a, (PruneTask Task, int Wave) b)
    {
        var c = a.Wave.CompareTo(b.Wave);
        c = c != 0 ? c : KindOrder.Compare(a.Task.Live.Kind, b.Task.Live.Kind);
        c = c != 0 ? c : string.CompareOrdinal(a.Task.Live.Namespace, b.Task.Live.Namespace);
        return c != 0 ? c : string.CompareOrdinal(a.Task.Live.Name, b.Task.Live.Name);
    }
}
