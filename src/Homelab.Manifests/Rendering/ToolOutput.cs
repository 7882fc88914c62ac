using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Manifests.Rendering;

/// <summary>Reads the YAML stream a tool printed, with limits sized for tool output rather than one file.</summary>
internal static class ToolOutput
{
    public static IReadOnlyList<KubeObject> Read(string stdout, string description, RenderLimits limits) =>
        YamlReader.ReadObjects(stdout, description, limits.Yaml with
        {
            MaxFileBytes = limits.MaxToolOutputBytes,
            MaxDocuments = Math.Max(limits.Yaml.MaxDocuments, 100_000),
        });

    /// <summary>The same object, re-attributed to a file the user can open.</summary>
    public static KubeObject Relocate(KubeObject obj, SourceLocation location) => new(obj.Body, location);
}
