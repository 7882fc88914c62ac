namespace Homelab.Engine.Results;

/// <summary>What happened to one object (Flux's change-set actions, plus Failed).</summary>
public enum SyncAction
{
    Created,
    Configured,
    Unchanged,
    Pruned,
    Skipped,
    Failed,
}
