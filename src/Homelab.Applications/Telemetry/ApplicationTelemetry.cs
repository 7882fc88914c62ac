using System.Diagnostics;
using Homelab.Manifests.Objects;
using Prometheus;

namespace Homelab.Applications.Telemetry;

/// <summary>
/// Argo CD's controller metrics, under Argo's names so existing dashboards work (design §10), and the
/// activity source for reconcile traces. <c>argocd_app_info</c> is kept from the watch cache by the info collector.
/// </summary>
public sealed class ApplicationTelemetry
{
    public const string SourceName = "Homelab.Applications";

    /// <summary>One activity per reconcile, with child spans per stage (fetch, render, compare, sync, wait, prune).</summary>
    public static readonly ActivitySource Source = new(SourceName);

    private static readonly double[] ReconcileBuckets = [0.25, 0.5, 1, 2, 4, 8, 16];

    private readonly Histogram _reconcile;
    private readonly Counter _syncs;
    private readonly TimeProvider _time;

    public ApplicationTelemetry(TimeProvider time, IMetricFactory? metrics = null)
    {
        _time = time;
        var factory = metrics ?? Metrics.DefaultFactory;
        _reconcile = factory.CreateHistogram(
            "argocd_app_reconcile",
            "Application reconciliation performance in seconds.",
            new HistogramConfiguration { LabelNames = ["namespace", "dest_server"], Buckets = ReconcileBuckets });
        _syncs = factory.CreateCounter(
            "argocd_app_sync_total",
            "Number of application syncs.",
            new CounterConfiguration { LabelNames = ["namespace", "name", "project", "dest_server", "phase"] });
    }

    /// <summary>Observes the reconcile's duration into <c>argocd_app_reconcile</c> when disposed.</summary>
    public IDisposable MeasureReconcile(KubeObject application)
    {
        var labels = ApplicationLabels.Of(application);
        return new ReconcileMeasurement(this, labels, _time.GetTimestamp());
    }

    /// <summary>Counts a finished sync operation by its phase (Succeeded, Failed, Error, …).</summary>
    public void RecordSync(KubeObject application, string phase)
    {
        var labels = ApplicationLabels.Of(application);
        _syncs.WithLabels(labels.Namespace, labels.Name, labels.Project, labels.DestServer, phase).Inc();
    }

    private sealed class ReconcileMeasurement(ApplicationTelemetry owner, ApplicationLabels labels, long started) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                var seconds = owner._time.GetElapsedTime(started).TotalSeconds;
                owner._reconcile.WithLabels(labels.Namespace, labels.DestServer).Observe(seconds);
            }
        }
    }
}
