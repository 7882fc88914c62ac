namespace Homelab.Engine.Sync;

/// <summary>How the desired set is ordered: Flux's staged apply or Argo CD's phases and waves.</summary>
public enum PlanningMode
{
    /// <summary>Argo CD: PreSync → Sync → PostSync hooks and resources, by wave; SyncFail hooks on failure.</summary>
    Phased,

    /// <summary>Flux: cluster definitions (then wait until ready), classes, everything else. No hooks.</summary>
    Staged,
}
