namespace Homelab.Cli.Online.Flux;

/// <summary>A Flux kind as the API names it, with the command words that select it.</summary>
public sealed record FluxKind(string Kind, string Command, IReadOnlyList<string> Aliases, string Plural)
{
    public static readonly FluxKind GitRepository = new("GitRepository", "git", [], "gitrepositories");
    public static readonly FluxKind HelmRepository = new("HelmRepository", "helm", [], "helmrepositories");
    public static readonly FluxKind Kustomization = new("Kustomization", "kustomization", ["ks", "kustomizations"], "kustomizations");
    public static readonly FluxKind HelmRelease = new("HelmRelease", "helmrelease", ["hr", "helmreleases"], "helmreleases");

    /// <summary>The order of <c>flux get all</c>: sources, then HelmReleases, then Kustomizations.</summary>
    public static readonly IReadOnlyList<FluxKind> All = [GitRepository, HelmRepository, HelmRelease, Kustomization];

    public static FluxKind? Of(string kind) => All.FirstOrDefault(k => k.Kind == kind);

    public bool IsSource => this == GitRepository || this == HelmRepository;

    /// <summary>"kustomization flux-system/apps": how errors name an object.</summary>
    public string Subject(string @namespace, string name) => $"{Kind.ToLowerInvariant()} {@namespace}/{name}";
}
