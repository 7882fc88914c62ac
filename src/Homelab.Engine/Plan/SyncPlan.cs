namespace Homelab.Engine.Plan;

/// <summary>
/// Ordered steps (PreSync, Sync, PostSync; waves ascending), the SyncFail hooks to run only when a step
/// fails, and the objects deliberately left out.
/// </summary>
public sealed record SyncPlan(IReadOnlyList<SyncStep> Steps, IReadOnlyList<SyncTask> SyncFailHooks, IReadOnlyList<SkippedObject> Skipped)
{
    public IEnumerable<SyncTask> Tasks => Steps.SelectMany(s => s.Tasks);
}
