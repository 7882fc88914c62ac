namespace Homelab.Engine.Plan.Prune;

public enum PruneSkipReason
{
    /// <summary>Already gone from the cluster.</summary>
    NotFound,

    /// <summary>The live object does not carry our tracking mark (someone else's, or taken over): never deleted.</summary>
    NotOwned,

    /// <summary><c>kustomize.toolkit.fluxcd.io/prune: disabled</c>, <c>Prune=false</c> or <c>Delete=false</c>.</summary>
    PruneDisabled,

    /// <summary>A hook: its delete policy, not pruning, removes it.</summary>
    Hook,
}
