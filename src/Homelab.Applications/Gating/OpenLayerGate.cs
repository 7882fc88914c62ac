using Homelab.Manifests.Objects;

namespace Homelab.Applications.Gating;

/// <summary>
/// The gate when there is no infrastructure service to ask: applications sync without waiting, so the
/// service can run alone against a cluster without a Homelab infrastructure layer.
/// </summary>
internal sealed class OpenLayerGate(string reason, ILogger<OpenLayerGate> logger) : ILayerGate, IHostedService
{
    public LayerGateDecision Check(KubeObject application) => LayerGateDecision.Opened;

    public IDisposable Subscribe(Action onChange) => NoSubscription.Instance;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Infrastructure gating is off: {Reason}; applications sync without waiting for infrastructure", reason);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();

        public void Dispose()
        {
        }
    }
}
