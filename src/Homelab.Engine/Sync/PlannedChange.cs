using Homelab.Engine.Diff;
using Homelab.Engine.Plan;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Sync;

/// <summary>A resource the diff found out of sync: the task, the live object it was compared with (null when missing), and the diff.</summary>
internal sealed record PlannedChange(SyncTask Task, KubeObject? Live, ResourceDiff Diff)
{
    /// <summary>What changed, by path only (never values, so no Secret leaks), for the Configured message.</summary>
    public string Summary => Diff.Changes.Count == 0
        ? ""
        : string.Join(", ", Diff.Changes.Take(5).Select(c => $"{c.Path} {c.Kind.ToString().ToLowerInvariant()}")) + (Diff.Changes.Count > 5 ? $" (+{Diff.Changes.Count - 5} more)" : "");

    /// <summary>Validated by the whole-set dry run before any write; false when its namespace or CRD is created by this same sync.</summary>
    public bool DryRunnable { get; init; } = true;
}
