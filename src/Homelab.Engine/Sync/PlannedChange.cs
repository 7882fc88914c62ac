using Homelab.Engine.Diff;
using Homelab.Engine.Plan;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Sync;

/// <summary>A resource the diff found out of sync: the task, the live object it was compared with (null when missing), and the verdict.</summary>
internal sealed record PlannedChange(SyncTask Task, KubeObject? Live, DiffState State)
{
    /// <summary>Validated by the whole-set dry run before any write; false when its namespace or CRD is created by this same sync.</summary>
    public bool DryRunnable { get; init; } = true;
}
