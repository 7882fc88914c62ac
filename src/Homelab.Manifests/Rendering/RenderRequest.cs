namespace Homelab.Manifests.Rendering;

/// <summary>What to render: a path inside a source snapshot, and how.</summary>
public sealed record RenderRequest
{
    /// <summary>The repository or snapshot root; nothing outside it is ever read.</summary>
    public required string SourceRoot { get; init; }

    /// <summary>A folder or single YAML file, relative to <see cref="SourceRoot"/>; empty means the root.</summary>
    public string Path { get; init; } = "";

    public RenderType Type { get; init; } = RenderType.Auto;

    public DirectoryOptions Directory { get; init; } = new();

    public HelmOptions Helm { get; init; } = new();

    public KustomizeOptions Kustomize { get; init; } = new();
}
