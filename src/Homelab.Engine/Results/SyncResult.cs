using Homelab.Engine.Plan;

namespace Homelab.Engine.Results;

/// <summary>
/// The result of one sync, shared by both reconcilers: per-object outcomes in the order they happened,
/// the phase reached, and the overall outcome. Built by <see cref="SyncResultBuilder"/>.
/// </summary>
public sealed record SyncResult(SyncOutcome Outcome, IReadOnlyList<ObjectResult> Objects, SyncPhase? LastPhase, string? Message)
{
    public bool Succeeded => Outcome == SyncOutcome.Succeeded;

    public IEnumerable<ObjectResult> Changed => Objects.Where(o => o.Action is SyncAction.Created or SyncAction.Configured or SyncAction.Pruned);

    public IEnumerable<ObjectResult> Failures => Objects.Where(o => o.Action == SyncAction.Failed);

    /// <summary>Counts per action, e.g. for <c>created 2, configured 1</c> summaries and metrics.</summary>
    public IReadOnlyDictionary<SyncAction, int> Counts =>
        Objects.GroupBy(o => o.Action).ToDictionary(g => g.Key, g => g.Count());
}
