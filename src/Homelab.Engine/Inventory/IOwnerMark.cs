using Homelab.Manifests.Objects;

namespace Homelab.Engine.Inventory;

/// <summary>The mark a reconciler puts on what it applies, and the test for it before anything is pruned.</summary>
public interface IOwnerMark
{
    /// <summary>Adds the mark to a desired object before it is applied.</summary>
    void Stamp(KubeObject desired);

    /// <summary>True when the live object carries this owner's mark (and, for Argo, names itself).</summary>
    bool IsMarked(KubeObject live);
}
