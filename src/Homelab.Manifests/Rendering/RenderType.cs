namespace Homelab.Manifests.Rendering;

/// <summary>How a path becomes objects.</summary>
public enum RenderType
{
    /// <summary>Kustomize when a kustomization file exists, Helm when <c>Chart.yaml</c> exists, else Directory.</summary>
    Auto,

    /// <summary>Plain YAML/JSON files, read natively.</summary>
    Directory,

    /// <summary>A kustomization, built by the real <c>kubectl kustomize</c>.</summary>
    Kustomize,

    /// <summary>A Helm chart, rendered by the real <c>helm template</c>.</summary>
    Helm,
}
