using Homelab.Manifests.Objects;

namespace Homelab.Example.Tests.Model;

/// <summary>
/// What one reconciler object (a Flux Kustomization or HelmRelease, an Argo Application) renders to.
/// <paramref name="DefaultNamespace"/> is where namespaced objects without a namespace land (Argo's
/// destination namespace); null for Flux, which requires every namespaced object to name its own.
/// </summary>
public sealed record RenderedPath(string Owner, string Path, string? DefaultNamespace, IReadOnlyList<KubeObject> Objects)
{
    public override string ToString() => $"{Owner} ({Path})";
}
