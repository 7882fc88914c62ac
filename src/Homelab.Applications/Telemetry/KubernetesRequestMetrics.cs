using System.Diagnostics.Metrics;
using Homelab.Kubernetes.Client;
using Prometheus;

namespace Homelab.Applications.Telemetry;

/// <summary>
/// Republishes Homelab.Kubernetes' request counter (<see cref="RequestMetrics"/>) as Argo's
/// <c>argocd_app_k8s_request_total{verb,resource_kind,response_code}</c>. Argo also labels each request with the
/// application it was made for; requests here go through one shared client and cache, so they are not
/// attributed. Only this service's meters are followed (their scope is this host's meter factory), so another
/// host in the same process is not counted twice.
/// </summary>
internal sealed class KubernetesRequestMetrics : IHostedService, IDisposable
{
    private readonly Counter _requests;
    private readonly MeterBridge _bridge;

    public KubernetesRequestMetrics(IMeterFactory meterFactory, IMetricFactory? metrics = null)
    {
        _requests = (metrics ?? Metrics.DefaultFactory).CreateCounter(
            "argocd_app_k8s_request_total",
            "Number of kubernetes requests executed during application reconciliation.",
            new CounterConfiguration { LabelNames = ["verb", "resource_kind", "response_code"] });
        _bridge = new MeterBridge(meterFactory, RequestMetrics.MeterName, RequestMetrics.RequestCounterName);
        _bridge.On<long>(["verb", "resource", "code"], (value, labels) => _requests.WithLabels(labels).Inc(value));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _bridge.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _bridge.Dispose();
}
