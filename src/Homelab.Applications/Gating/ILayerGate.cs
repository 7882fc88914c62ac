using Homelab.Manifests.Objects;

namespace Homelab.Applications.Gating;

/// <summary>
/// Whether the infrastructure layer under an Application is ready, so the controller syncs only on top
/// of a working foundation (design §4).
/// </summary>
public interface ILayerGate
{
    /// <summary>
    /// The decision for <paramref name="application"/>: the whole infrastructure layer, or only the
    /// Kustomizations its <c>homelab.dev/depends-on</c> annotation names (<c>ns/name[,…]</c>).
    /// </summary>
    LayerGateDecision Check(KubeObject application);

    /// <summary>Calls <paramref name="onChange"/> whenever infrastructure readiness changes. Dispose to stop.</summary>
    IDisposable Subscribe(Action onChange);
}
