using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Api.Crds;

/// <summary>
/// The CRDs of the seven kinds Homelab reconciles, read from the YAML embedded in this assembly.
/// Every call parses afresh, so callers get their own objects to change without affecting anyone else.
/// </summary>
public static class CustomResourceDefinitions
{
    private const string ResourcePrefix = "Homelab.Api.Crds.";

    public static IReadOnlyList<string> FluxNames { get; } =
    [
        "gitrepositories.source.toolkit.fluxcd.io",
        "helmrepositories.source.toolkit.fluxcd.io",
        "kustomizations.kustomize.toolkit.fluxcd.io",
        "helmreleases.helm.toolkit.fluxcd.io",
    ];

    public static IReadOnlyList<string> ArgoNames { get; } =
    [
        "applications.argoproj.io",
        "applicationsets.argoproj.io",
        "appprojects.argoproj.io",
    ];

    /// <summary>Flux's kinds first, then Argo CD's (the application layer builds on the infrastructure layer).</summary>
    public static IReadOnlyList<KubeObject> All => [.. Flux, .. Argo];

    public static IReadOnlyList<KubeObject> Flux => [.. FluxNames.Select(Load)];

    public static IReadOnlyList<KubeObject> Argo => [.. ArgoNames.Select(Load)];

    /// <summary>One CRD by its name (<c>plural.group</c>).</summary>
    public static KubeObject Load(string name)
    {
        var resource = ResourcePrefix + name + ".yaml";
        using var stream = typeof(CustomResourceDefinitions).Assembly.GetManifestResourceStream(resource)
            ?? throw new ArgumentException($"Homelab has no CRD named '{name}'", nameof(name));
        using var reader = new StreamReader(stream);
        var objects = YamlReader.ReadObjects(reader.ReadToEnd(), resource);
        return objects.Count == 1 ? objects[0] : throw new InvalidOperationException($"embedded {resource} must hold exactly one object");
    }
}
