using Homelab.Infrastructure.ApiService;
using Homelab.Infrastructure.Sources;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Discovery;
using Homelab.Manifests.Objects;
using Prometheus;

namespace Homelab.Infrastructure.Telemetry;

/// <summary>
/// <c>gotk_resource_info</c> — one series (value 1) per Flux object with its readiness, suspension and
/// revision as labels, maintained from the watch cache (Flux needs kube-state-metrics for this). When an
/// object's labels change, its old series is removed; when it is deleted, so is its series.
/// </summary>
public sealed class ResourceInfoMetrics : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly ClusterCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger<ResourceInfoMetrics> _logger;
    private readonly Gauge _info;
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectId, string[]> _series = [];

    public ResourceInfoMetrics(ClusterCache cache, TimeProvider time, ILogger<ResourceInfoMetrics> logger, CollectorRegistry? registry = null)
    {
        _cache = cache;
        _time = time;
        _logger = logger;
        _info = Metrics.WithCustomRegistry(registry ?? Metrics.DefaultRegistry).CreateGauge(
            "gotk_resource_info",
            "The current state of a Flux resource (1 per object).",
            new GaugeConfiguration { LabelNames = ["customresource_kind", "exported_namespace", "name", "ready", "suspended", "revision", "source_name"] });
    }

    /// <summary>The labels of an object's series, in the gauge's label order.</summary>
    public static string[] Labels(KubeObject obj)
    {
        var proto = FluxObjectMapper.ToProto(obj);
        return
        [
            obj.Kind,
            obj.Namespace ?? "",
            obj.Name,
            proto.Ready,
            proto.Suspended ? "true" : "false",
            proto.Revision,
            FluxObjectMapper.SourceOf(obj)?.Name ?? "",
        ];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = _cache.Subscribe(OnEvent);
        var pending = FluxKinds.All.ToList();
        while (pending.Count > 0)
        {
            foreach (var (group, kind) in pending.ToList())
            {
                try
                {
                    var informer = await _cache.WatchAsync(group, kind, stoppingToken);
                    await informer.Synced.WaitAsync(stoppingToken);
                    // Objects listed before this subscription existed produced no event for us.
                    foreach (var obj in informer.List())
                    {
                        Update(obj);
                    }

                    pending.Remove((group, kind));
                }
                catch (UnknownKindException)
                {
                    // The CRD is not installed yet; try again shortly.
                }
            }

            if (pending.Count > 0)
            {
                _logger.LogDebug("gotk_resource_info waits for {Kinds} to be served", string.Join(", ", pending.Select(p => p.Kind)));
                await Task.Delay(RetryDelay, _time, stoppingToken);
            }
        }

        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: below, this instance's series leave the registry with it.
        }
        finally
        {
            RemoveAll();
        }
    }

    private void OnEvent(CacheEvent e)
    {
        if (!FluxObjects.IsFluxKind(e.Object))
        {
            return;
        }

        if (e.Type == CacheEventType.Deleted)
        {
            Remove(e.Object.Id);
        }
        else
        {
            Update(e.Object);
        }
    }

    private void Update(KubeObject obj)
    {
        var labels = Labels(obj);
        lock (_gate)
        {
            if (_series.TryGetValue(obj.Id, out var previous))
            {
                if (previous.SequenceEqual(labels, StringComparer.Ordinal))
                {
                    return;
                }

                _info.RemoveLabelled(previous);
            }

            _series[obj.Id] = labels;
            _info.WithLabels(labels).Set(1);
        }
    }

    private void Remove(ObjectId id)
    {
        lock (_gate)
        {
            if (_series.Remove(id, out var previous))
            {
                _info.RemoveLabelled(previous);
            }
        }
    }

    private void RemoveAll()
    {
        lock (_gate)
        {
            foreach (var labels in _series.Values)
            {
                _info.RemoveLabelled(labels);
            }

            _series.Clear();
        }
    }
}
