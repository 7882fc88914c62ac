namespace Homelab.Manifests.Rendering;

/// <summary>Argo CD's <c>source.directory</c>, plus Flux's "no kustomization.yaml" mode.</summary>
public sealed record DirectoryOptions
{
    /// <summary>Read subdirectories too (Argo's <c>directory.recurse</c>; off by default as in Argo).</summary>
    public bool Recurse { get; init; }

    /// <summary>
    /// Argo glob on the path relative to the rendered folder: <c>*</c>, <c>?</c>, <c>[a-z]</c>,
    /// <c>{a,b}</c>; <c>*</c> also crosses <c>/</c>, as in Argo.
    /// </summary>
    public string? Include { get; init; }

    /// <summary>Argo glob; matching files are skipped, and so are matching folders with everything in them.</summary>
    public string? Exclude { get; init; }

    /// <summary>
    /// Flux semantics: every <c>.yaml</c>/<c>.yml</c> file under the path, recursively, as if a
    /// kustomization.yaml listing them were implied; a subfolder with its own kustomization file is
    /// built by kustomize as one resource. Include/Exclude/Recurse do not apply.
    /// </summary>
    public bool Flux { get; init; }
}
