using Prometheus;

namespace Homelab.Controllers.Metrics;

/// <summary>
/// The controller-runtime metric families (the names Flux's and Argo CD's dashboards already query), on
/// the prometheus-net registry that <c>/metrics</c> serves. Label values are the controller, queue or lease name.
/// </summary>
public sealed class ControllerMetrics
{
    private readonly Counter _reconcileTotal;
    private readonly Counter _reconcileErrors;
    private readonly Histogram _reconcileTime;
    private readonly Gauge _activeWorkers;
    private readonly Gauge _queueDepth;
    private readonly Counter _queueAdds;
    private readonly Counter _queueRetries;
    private readonly Histogram _queueDuration;
    private readonly Histogram _workDuration;
    private readonly Gauge _leaderStatus;

    /// <param name="registry">Null: prometheus-net's default registry, the one ServiceDefaults' <c>/metrics</c> serves.</param>
    public ControllerMetrics(CollectorRegistry? registry = null)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry ?? Prometheus.Metrics.DefaultRegistry);

        // client-go's workqueue buckets: 1 µs … 10 s in powers of ten (a reconcile is usually ms to s).
        double[] durationBuckets = Histogram.ExponentialBuckets(1e-6, 10, 8);
        _reconcileTotal = factory.CreateCounter(
            "controller_runtime_reconcile_total", "Reconciles per controller and result (success, error, requeue, requeue_after).",
            new CounterConfiguration { LabelNames = ["controller", "result"] });
        _reconcileErrors = factory.CreateCounter(
            "controller_runtime_reconcile_errors_total", "Reconciles that failed (an exception or a Retry result).",
            new CounterConfiguration { LabelNames = ["controller"] });
        _reconcileTime = factory.CreateHistogram(
            "controller_runtime_reconcile_time_seconds", "How long one reconcile took.",
            new HistogramConfiguration { LabelNames = ["controller"], Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        _activeWorkers = factory.CreateGauge(
            "controller_runtime_active_workers", "Workers currently running a reconcile.",
            new GaugeConfiguration { LabelNames = ["controller"] });
        _queueDepth = factory.CreateGauge(
            "workqueue_depth", "Keys waiting in the work queue (not counting delayed ones).",
            new GaugeConfiguration { LabelNames = ["name"] });
        _queueAdds = factory.CreateCounter(
            "workqueue_adds_total", "Keys added to the work queue (after de-duplication).",
            new CounterConfiguration { LabelNames = ["name"] });
        _queueRetries = factory.CreateCounter(
            "workqueue_retries_total", "Keys put back after a failure.",
            new CounterConfiguration { LabelNames = ["name"] });
        _queueDuration = factory.CreateHistogram(
            "workqueue_queue_duration_seconds", "How long a key waited in the queue before a worker took it.",
            new HistogramConfiguration { LabelNames = ["name"], Buckets = durationBuckets });
        _workDuration = factory.CreateHistogram(
            "workqueue_work_duration_seconds", "How long a worker held a key.",
            new HistogramConfiguration { LabelNames = ["name"], Buckets = durationBuckets });
        _leaderStatus = factory.CreateGauge(
            "leader_election_master_status", "1 while this replica holds the lease, else 0.",
            new GaugeConfiguration { LabelNames = ["name"] });
    }

    internal void Reconciled(string controller, string result, TimeSpan duration)
    {
        _reconcileTotal.WithLabels(controller, result).Inc();
        _reconcileTime.WithLabels(controller).Observe(duration.TotalSeconds);
        if (result == ReconcileResults.Error)
        {
            _reconcileErrors.WithLabels(controller).Inc();
        }
    }

    /// <summary>Creates the series at zero so dashboards show a controller before its first reconcile.</summary>
    internal void Register(string controller)
    {
        foreach (var result in ReconcileResults.All)
        {
            _reconcileTotal.WithLabels(controller, result);
        }

        _reconcileErrors.WithLabels(controller);
        _activeWorkers.WithLabels(controller).Set(0);
    }

    internal void WorkerStarted(string controller) => _activeWorkers.WithLabels(controller).Inc();

    internal void WorkerFinished(string controller) => _activeWorkers.WithLabels(controller).Dec();

    internal void QueueDepth(string queue, int depth) => _queueDepth.WithLabels(queue).Set(depth);

    internal void QueueAdded(string queue) => _queueAdds.WithLabels(queue).Inc();

    internal void QueueRetried(string queue) => _queueRetries.WithLabels(queue).Inc();

    internal void QueueWaited(string queue, TimeSpan waited) => _queueDuration.WithLabels(queue).Observe(waited.TotalSeconds);

    internal void QueueWorked(string queue, TimeSpan worked) => _workDuration.WithLabels(queue).Observe(worked.TotalSeconds);

    internal void Leading(string lease, bool leading) => _leaderStatus.WithLabels(lease).Set(leading ? 1 : 0);
}
