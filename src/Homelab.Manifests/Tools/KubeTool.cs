namespace Homelab.Manifests.Tools;

/// <summary>The external binaries rendering relies on: the real ones, so output matches Flux and Argo CD.</summary>
public enum KubeTool
{
    /// <summary><c>kubectl</c>, whose built-in kustomize renders kustomizations.</summary>
    Kubectl,

    /// <summary><c>helm</c>, whose <c>template</c> command renders charts.</summary>
    Helm,
}
