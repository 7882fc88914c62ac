namespace Homelab.Engine.Results;

public enum SyncOutcome
{
    /// <summary>Every object was applied (or left unchanged) and pruning, if planned, completed.</summary>
    Succeeded,

    /// <summary>At least one object failed, or the run was stopped by an error.</summary>
    Failed,

    /// <summary>Cancelled before completion; what was done so far is still listed.</summary>
    Canceled,
}
