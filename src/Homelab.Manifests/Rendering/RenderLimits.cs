using Homelab.Manifests.Yaml;

namespace Homelab.Manifests.Rendering;

/// <summary>Bounds on one render, so a hostile or broken repository fails fast instead of exhausting the host.</summary>
public sealed record RenderLimits
{
    public static RenderLimits Default { get; } = new();

    /// <summary>Limits for each file read (size, documents, depth, aliases).</summary>
    public YamlLimits Yaml { get; init; } = YamlLimits.Default;

    /// <summary>Most manifest files one directory render reads.</summary>
    public int MaxFiles { get; init; } = 5_000;

    /// <summary>Largest output accepted from kustomize or helm, in bytes (big CRD bundles exceed one file's limit).</summary>
    public long MaxToolOutputBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>How long kustomize or helm may run.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
