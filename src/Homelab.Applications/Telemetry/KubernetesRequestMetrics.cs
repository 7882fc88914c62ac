using System.Diagnostics.Metrics;
using System.Globalization;
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
    private readonly IMeterFactory _meterFactory;
    private readonly Counter _requests;
    private readonly MeterListener _listener = new();

    public KubernetesRequestMetrics(IMeterFactory meterFactory, IMetricFactory? metrics = null)
    {
        _meterFactory = meterFactory;
        _requests = (metrics ?? Metrics.DefaultFactory).CreateCounter(
            "argocd_app_k8s_request_total",
            "Number of kubernetes requests executed during application reconciliation.",
            new CounterConfiguration { LabelNames = ["verb", "resource_kind", "response_code"] });
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RequestMetrics.MeterName && instrument.Name == RequestMetrics.RequestCounterName && ReferenceEquals(instrument.Meter.Scope, _meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => _requests.WithLabels(Labels(tags)).Inc(value));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    private static string[] Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string verb = "", resource = "", code = "";
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "verb":
                    verb = tag.Value as string ?? "";
                    break;
                case "resource":
                    resource = tag.Value as string ?? "";
                    break;
                case "code":
                    code = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
                    break;
            }
        }

        return [verb, resource, code];
    }
}
