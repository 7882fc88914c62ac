namespace Homelab.Engine.Plan;

/// <summary>The tasks of one (phase, wave), in apply order. The executor applies a step, waits for its health, then moves on.</summary>
public sealed record SyncStep(SyncPhase Phase, int Wave, IReadOnlyList<SyncTask> Tasks)
{
    /// <summary>Flux stages: wait until these objects are ready before the next stage, whatever <c>wait</c> says (CRDs, Namespaces, ClusterRoles).</summary>
    public bool WaitUntilReady { get; init; }
}
