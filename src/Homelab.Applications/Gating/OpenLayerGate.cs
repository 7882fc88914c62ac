using Homelab.Manifests.Objects;

namespace Homelab.Applications.Gating;

/// <summary>The gate when no infrastructure service is configured: applications sync without waiting.</summary>
internal sealed class OpenLayerGate : ILayerGate
{
    public LayerGateDecision Check(KubeObject application) => LayerGateDecision.Opened;

    public IDisposable Subscribe(Action onChange) => NoSubscription.Instance;

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();

        public void Dispose()
        {
        }
    }
}
