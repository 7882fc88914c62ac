using System.Diagnostics;
using Homelab.Controllers.Metrics;
using Homelab.Controllers.Queues;
using Homelab.Kubernetes.Caching;
using Microsoft.Extensions.Logging;

namespace Homelab.Controllers;

/// <summary>
/// Drives one <see cref="IReconciler"/> from the watch cache: cache events (filtered) put object keys
/// on a rate-limited work queue, and <see cref="ControllerOptions.Workers"/> loops reconcile them.
/// Deletions are enqueued too, so the reconciler finds the object gone and can clean up.
/// </summary>
public sealed class Controller : IDisposable
{
    private readonly ControllerOptions _options;
    private readonly IReconciler _reconciler;
    private readonly ClusterCache _cache;
    private readonly TimeProvider _time;
    private readonly ControllerMetrics _metrics;
    private readonly ILogger<Controller> _logger;
    private readonly WorkQueue<ObjectKey> _queue;
    private readonly Func<CacheEvent, bool> _shouldEnqueue;
    private readonly HashSet<string> _namespaces;
    private volatile bool _synced;

    public Controller(ControllerOptions options, IReconciler reconciler, ClusterCache cache, TimeProvider time, ControllerMetrics metrics, ILogger<Controller> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reconciler);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(options.Name, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.Kind, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Group, nameof(options));
        if (options.Workers < 1)
        {
            throw new ArgumentException($"controller {options.Name}: Workers must be at least 1", nameof(options));
        }

        _options = options;
        _reconciler = reconciler;
        _cache = cache;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _queue = new WorkQueue<ObjectKey>(options.Name, new WorkQueueOptions(), time, metrics);
        _shouldEnqueue = options.ShouldEnqueue ?? EventFilters.Default;
        _namespaces = new HashSet<string>(options.Namespaces, StringComparer.Ordinal);
        metrics.Register(options.Name);
    }

    public string Name => _options.Name;

    public ControllerOptions Options => _options;

    /// <summary>True once the watched kind's cache has loaded and every existing object has been enqueued (reset when stopped).</summary>
    public bool IsSynced => _synced;

    /// <summary>Keys ready for a worker now.</summary>
    public int QueueDepth => _queue.Depth;

    /// <summary>Wakes an object now (a dependency turned ready, a webhook, an API call). Works before <see cref="RunAsync"/> too.</summary>
    public void Enqueue(ObjectKey key) => _queue.Add(key);

    public void EnqueueAfter(ObjectKey key, TimeSpan delay) => _queue.AddAfter(key, delay);

    /// <summary>
    /// Starts (or joins) the informer for the kind, enqueues every existing object once it is synced and
    /// reconciles until cancelled. May be called again after it returned (a new leadership term).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var informer = await _cache.WatchAsync(_options.Group, _options.Kind, cancellationToken);
        using var subscription = informer.Subscribe(OnEvent);
        try
        {
            await informer.Synced.WaitAsync(cancellationToken);
            foreach (var obj in informer.List())
            {
                if (InScope(obj.Namespace))
                {
                    _queue.Add(ObjectKey.Of(obj));
                }
            }

            _synced = true;
            _logger.LogInformation("Controller {Controller} started: {Kind} in {Scope} with {Workers} workers",
                Name, _options.Kind, _namespaces.Count == 0 ? "all namespaces" : string.Join(", ", _namespaces), _options.Workers);
            var workers = Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None));
            await Task.WhenAll(workers);
        }
        finally
        {
            _synced = false;
        }
    }

    public void Dispose() => _queue.Dispose();

    private void OnEvent(CacheEvent e)
    {
        if (InScope(e.Object.Namespace) && _shouldEnqueue(e))
        {
            _queue.Add(ObjectKey.Of(e.Object));
        }
    }

    private bool InScope(string? @namespace) => _namespaces.Count == 0 || (@namespace is not null && _namespaces.Contains(@namespace));

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ObjectKey key;
            try
            {
                key = await _queue.TakeAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await ReconcileAsync(key, cancellationToken);
            }
            finally
            {
                _queue.Done(key);
            }
        }
    }

    private async Task ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        _metrics.WorkerStarted(Name);
        string result;
        try
        {
            using var scope = _logger.BeginScope(new Dictionary<string, object?>
            {
                ["controller"] = Name,
                ["kind"] = _options.Kind,
                ["namespace"] = key.Namespace,
                ["name"] = key.Name,
            });
            var outcome = await _reconciler.ReconcileAsync(key, cancellationToken);
            result = Schedule(key, outcome);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping (shutdown or lost leadership): keep the key so the next run picks it up.
            _queue.Add(key);
            return;
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Reconciling {Kind} {Namespace}/{Name} failed; retrying with backoff", _options.Kind, key.Namespace ?? "", key.Name);
            _queue.AddRateLimited(key);
            result = ReconcileResults.Error;
        }
        finally
        {
            _metrics.WorkerFinished(Name);
        }

        _metrics.Reconciled(Name, result, _time.GetElapsedTime(started));
    }

    private string Schedule(ObjectKey key, ReconcileResult outcome)
    {
        switch (outcome.Outcome)
        {
            case ReconcileOutcome.Done:
                _queue.Forget(key);
                return ReconcileResults.Success;
            case ReconcileOutcome.RequeueAfter:
                _queue.Forget(key);
                _queue.AddAfter(key, outcome.Delay ?? TimeSpan.Zero);
                return outcome.Delay > TimeSpan.Zero ? ReconcileResults.RequeueAfter : ReconcileResults.Requeue;
            case ReconcileOutcome.Retry:
                if (outcome.Delay is { } after)
                {
                    _metrics.QueueRetried(Name);
                    _queue.AddAfter(key, after);
                }
                else
                {
                    _queue.AddRateLimited(key);
                }
                return ReconcileResults.Error;
            default:
                throw new UnreachableException($"unknown reconcile outcome {outcome.Outcome}");
        }
    }
}
