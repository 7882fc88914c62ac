namespace Homelab.Manifests.Rendering;

/// <summary>Flags for <c>kubectl kustomize</c>, kept to the few that matter for safety.</summary>
public sealed record KustomizeOptions
{
    /// <summary>
    /// kustomize's own file restriction. Whatever is chosen, every path a kustomization names is also
    /// checked against the source root before kustomize runs.
    /// </summary>
    public KustomizeLoadRestrictor LoadRestrictor { get; init; } = KustomizeLoadRestrictor.RootOnly;
}

public enum KustomizeLoadRestrictor
{
    /// <summary>Files must sit under the kustomization's own folder (kustomize's default).</summary>
    RootOnly,

    /// <summary>Files may sit anywhere (still confined to the source root by our own check).</summary>
    None,
}
