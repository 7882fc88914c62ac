using Homelab.Manifests.Objects;

namespace Homelab.Engine.Inventory;

/// <summary>Flux's mark: the labels <c>kustomize.toolkit.fluxcd.io/name</c> and <c>/namespace</c> naming the Kustomization.</summary>
public sealed record FluxOwnerMark(string Name, string Namespace) : IOwnerMark
{
    public const string NameLabel = "kustomize.toolkit.fluxcd.io/name";
    public const string NamespaceLabel = "kustomize.toolkit.fluxcd.io/namespace";

    public void Stamp(KubeObject desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        desired.SetLabel(NameLabel, Name);
        desired.SetLabel(NamespaceLabel, Namespace);
    }

    public bool IsMarked(KubeObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        return live.GetLabel(NameLabel) == Name && live.GetLabel(NamespaceLabel) == Namespace;
    }
}
