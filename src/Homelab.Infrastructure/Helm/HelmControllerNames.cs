namespace Homelab.Infrastructure.Helm;

/// <summary>Names shared by the Helm controllers: work queue names, the watched kinds and Flux's controller identities.</summary>
public static class HelmControllerNames
{
    public const string ReleaseController = "helmrelease";
    public const string RepositoryController = "helmrepository";
    public const string ReleaseGroup = "helm.toolkit.fluxcd.io";
    public const string ReleaseApiVersion = "helm.toolkit.fluxcd.io/v2";
    public const string RepositoryGroup = "source.toolkit.fluxcd.io";
    public const string RepositoryApiVersion = "source.toolkit.fluxcd.io/v1";

    /// <summary>The reportingController of HelmRelease events (and the field manager of applied objects).</summary>
    public const string HelmController = "helm-controller";

    /// <summary>The reportingController of HelmRepository events.</summary>
    public const string SourceController = "source-controller";
}
