using Homelab.Engine.Diff.Ignore;
using Homelab.Engine.Inventory;
using Homelab.Engine.Plan;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Sync;

/// <summary>
/// One sync: the rendered desired objects, who applies them (<see cref="FieldManager"/>, <see cref="Owner"/>
/// mark), what was applied last time (<see cref="PreviousInventory"/>, the prune candidates) and how.
/// A caller whose render failed passes <see cref="RenderFailure"/>: the executor then writes and deletes nothing.
/// </summary>
public sealed record SyncRequest(IReadOnlyList<KubeObject> Desired, string FieldManager, IOwnerMark Owner)
{
    public IReadOnlyList<ObjectId> PreviousInventory { get; init; } = [];

    /// <summary>Set when rendering failed: the sync is refused, so a partial render can never prune.</summary>
    public string? RenderFailure { get; init; }

    public PlanningMode Mode { get; init; } = PlanningMode.Phased;

    public bool Prune { get; init; }

    /// <summary>Diff and validate with a server-side dry run; write and delete nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Server-side apply with <c>force=true</c>: take over fields another manager owns (both Flux and
    /// Argo CD apply this way; turn off to have conflicts reported instead).
    /// </summary>
    public bool ForceConflicts { get; init; } = true;

    /// <summary>Flux <c>force</c>: an apply refused for an immutable field deletes the object and creates it again.</summary>
    public bool RecreateOnImmutable { get; init; }

    /// <summary>Argo CD sync options for the whole set (objects may override them by annotation).</summary>
    public SyncOptions AppOptions { get; init; } = SyncOptions.Default;

    /// <summary>Argo's destination namespace: given to namespaced objects without one, and created when <c>CreateNamespace=true</c>.</summary>
    public string? DestinationNamespace { get; init; }

    /// <summary>Propagation for prune deletes; null means Background for <see cref="PlanningMode.Staged"/> (Flux) and the objects' <c>PrunePropagationPolicy</c> (default Foreground) for Argo.</summary>
    public PropagationPolicy? PrunePropagation { get; init; }

    /// <summary>Wait for applied objects to be healthy after each step (hooks are always waited for).</summary>
    public bool Wait { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public IgnoreRuleSet IgnoreDifferences { get; init; } = IgnoreRuleSet.Empty;
}
