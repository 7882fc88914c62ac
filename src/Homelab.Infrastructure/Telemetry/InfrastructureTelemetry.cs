using System.Diagnostics;
using Prometheus;

namespace Homelab.Infrastructure.Telemetry;

/// <summary>
/// The infrastructure reconciler's own telemetry under Flux's names, so Flux's Grafana dashboards work:
/// a trace per reconcile (<see cref="Source"/>) and <c>gotk_reconcile_duration_seconds</c>.
/// </summary>
public sealed class InfrastructureTelemetry
{
    /// <summary>One activity per reconcile ("reconcile Kustomization ns/name"), child spans per stage.</summary>
    public static readonly ActivitySource Source = new("Homelab.Infrastructure");

    private readonly Histogram _duration;
    private readonly TimeProvider _time;

    public InfrastructureTelemetry(TimeProvider time, CollectorRegistry? registry = null)
    {
        _time = time;
        var factory = Metrics.WithCustomRegistry(registry ?? Metrics.DefaultRegistry);
        _duration = factory.CreateHistogram(
            "gotk_reconcile_duration_seconds",
            "The duration in seconds of a GitOps Toolkit resource reconciliation.",
            new HistogramConfiguration
            {
                LabelNames = ["kind", "name", "namespace"],
                // From 10 ms to ~80 s: a no-op reconcile is milliseconds, a Helm install with a wait is a minute.
                Buckets = Histogram.ExponentialBuckets(0.01, 2, 14),
            });
    }

    /// <summary>Times one reconcile; the duration is observed when the result is disposed.</summary>
    public IDisposable MeasureReconcile(string kind, string @namespace, string name) =>
        new Measurement(_duration.WithLabels(kind, name, @namespace), _time);

    private sealed class Measurement(Histogram.Child child, TimeProvider time) : IDisposable
    {
        private readonly long _started = time.GetTimestamp();
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                child.Observe(time.GetElapsedTime(_started).TotalSeconds);
            }
        }
    }
}
