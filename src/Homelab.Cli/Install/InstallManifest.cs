using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Cli.Install;

/// <summary>
/// The in-cluster install (infrastructure/homelab-system rendered by kustomize at build time and embedded
/// in this assembly), so <c>homelab bootstrap</c> installs exactly what Git holds for that version.
/// </summary>
public static class InstallManifest
{
    private const string ResourceName = "Homelab.Cli.Install.homelab-system.yaml";

    public const string Namespace = "homelab-system";

    public const string TokenSecretName = "homelab-api-token";

    public const string TokenSecretKey = "token";

    /// <summary>The two services' Deployments (and ServiceAccounts, Services) in <see cref="Namespace"/>.</summary>
    public static IReadOnlyList<string> ServiceNames { get; } = ["homelab-infrastructure", "homelab-applications"];

    /// <summary>The embedded YAML as rendered.</summary>
    public static string Yaml()
    {
        using var stream = typeof(InstallManifest).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the CLI was built without {ResourceName}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Fresh objects on every call, so callers may change them.</summary>
    public static IReadOnlyList<KubeObject> Objects() => YamlReader.ReadObjects(Yaml(), "homelab-system.yaml");
}
