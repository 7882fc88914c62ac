namespace Homelab.Infrastructure.Sources;

/// <summary>The API groups and kinds of the four Flux objects this service reconciles.</summary>
public static class FluxKinds
{
    public const string SourceGroup = "source.toolkit.fluxcd.io";
    public const string KustomizeGroup = "kustomize.toolkit.fluxcd.io";
    public const string HelmGroup = "helm.toolkit.fluxcd.io";

    public const string GitRepository = "GitRepository";
    public const string HelmRepository = "HelmRepository";
    public const string Kustomization = "Kustomization";
    public const string HelmRelease = "HelmRelease";

    /// <summary>The annotation <c>flux reconcile</c> sets to ask for a reconcile now.</summary>
    public const string RequestedAtAnnotation = "reconcile.fluxcd.io/requestedAt";

    /// <summary>Every kind with its group, in the order <c>flux get all</c> lists them.</summary>
    public static IReadOnlyList<(string Group, string Kind)> All { get; } =
    [
        (SourceGroup, GitRepository),
        (SourceGroup, HelmRepository),
        (KustomizeGroup, Kustomization),
        (HelmGroup, HelmRelease),
    ];

    /// <summary>The group of a kind named as users name it (case-insensitive), or null when it is not one of the four.</summary>
    public static (string Group, string Kind)? Find(string kind) =>
        All.Select(k => ((string Group, string Kind)?)k).FirstOrDefault(k => string.Equals(k!.Value.Kind, kind, StringComparison.OrdinalIgnoreCase));
}
