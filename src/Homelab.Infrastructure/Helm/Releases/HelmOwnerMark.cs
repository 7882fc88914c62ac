using Homelab.Engine.Inventory;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Helm.Releases;

/// <summary>
/// The marks helm-controller leaves on what a release applies: the <c>helm.toolkit.fluxcd.io/name</c> and
/// <c>/namespace</c> labels naming the HelmRelease, plus Helm's own ownership metadata (<c>managed-by: Helm</c>,
/// <c>meta.helm.sh/release-name</c>/<c>-namespace</c>) so the helm CLI recognises the objects. Prune trusts the labels.
/// </summary>
public sealed record HelmOwnerMark(string Name, string Namespace, string ReleaseName, string ReleaseNamespace) : IOwnerMark
{
    public const string NameLabel = "helm.toolkit.fluxcd.io/name";
    public const string NamespaceLabel = "helm.toolkit.fluxcd.io/namespace";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ReleaseNameAnnotation = "meta.helm.sh/release-name";
    public const string ReleaseNamespaceAnnotation = "meta.helm.sh/release-namespace";

    public void Stamp(KubeObject desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        desired.SetLabel(NameLabel, Name);
        desired.SetLabel(NamespaceLabel, Namespace);
        desired.SetLabel(ManagedByLabel, "Helm");
        desired.SetAnnotation(ReleaseNameAnnotation, ReleaseName);
        desired.SetAnnotation(ReleaseNamespaceAnnotation, ReleaseNamespace);
    }

    public bool IsMarked(KubeObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        return live.GetLabel(NameLabel) == Name && live.GetLabel(NamespaceLabel) == Namespace;
    }
}
