namespace Homelab.Engine.Plan;

/// <summary>Flux's per-object <c>kustomize.toolkit.fluxcd.io/ssa</c> policy.</summary>
public enum SsaPolicy
{
    /// <summary>Apply and take ownership of every field we set (the default).</summary>
    Override,

    /// <summary>Apply without removing fields other managers added.</summary>
    Merge,

    /// <summary>Create when absent; never update an existing object.</summary>
    IfNotPresent,

    /// <summary>Never apply.</summary>
    Ignore,
}
