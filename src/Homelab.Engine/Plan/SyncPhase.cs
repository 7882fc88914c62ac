namespace Homelab.Engine.Plan;

/// <summary>Argo CD's sync phases, in the order they run; SyncFail runs only when an earlier phase failed.</summary>
public enum SyncPhase
{
    PreSync,
    Sync,
    PostSync,
    SyncFail,
}
