using Homelab.Controllers.Hosting;
using Homelab.Kubernetes.Caching;
using Homelab.Manifests.Objects;
using Prometheus;

namespace Homelab.Applications.Telemetry;

/// <summary>
/// Keeps <c>argocd_app_info</c> (= 1 per Application) in step with the watch cache: one series per
/// Application with its current labels; a label change replaces the series and a deleted Application's
/// series is removed, so dashboards never count ghosts.
/// </summary>
internal sealed class ApplicationInfoCollector : BackgroundService
{
    private static readonly string[] LabelNames =
        ["namespace", "name", "project", "repo", "dest_server", "dest_namespace", "sync_status", "health_status", "autosync_enabled", "operation"];

    private readonly ClusterCache _cache;
    private readonly CrdInstallation _crds;
    private readonly Gauge _info;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Namespace, string Name), string[]> _series = [];

    public ApplicationInfoCollector(ClusterCache cache, CrdInstallation crds, IMetricFactory? metrics = null)
    {
        _cache = cache;
        _crds = crds;
        _info = (metrics ?? Metrics.DefaultFactory).CreateGauge(
            "argocd_app_info",
            "Information about application.",
            new GaugeConfiguration { LabelNames = LabelNames });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _crds.Completed.WaitAsync(stoppingToken);
        var informer = await _cache.WatchAsync(ArgoKinds.Group, ArgoKinds.Application, stoppingToken);
        using var subscription = informer.Subscribe(e => Update(informer, e.Object.Namespace ?? "", e.Object.Name));
        await informer.Synced.WaitAsync(stoppingToken);
        foreach (var application in informer.List())
        {
            Update(informer, application.Namespace ?? "", application.Name);
        }

        await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_lock)
        {
            foreach (var labels in _series.Values)
            {
                _info.RemoveLabelled(labels);
            }

            _series.Clear();
        }
    }

    /// <summary>Sets the series from the cache's current copy (not the event's), so event order cannot leave a stale one.</summary>
    private void Update(ResourceInformer informer, string ns, string name)
    {
        lock (_lock)
        {
            var current = informer.Get(ns, name);
            var labels = current is null ? null : LabelsOf(current);
            if (_series.TryGetValue((ns, name), out var previous) && (labels is null || !previous.SequenceEqual(labels)))
            {
                _info.RemoveLabelled(previous);
                _series.Remove((ns, name));
            }

            if (labels is not null)
            {
                _info.WithLabels(labels).Set(1);
                _series[(ns, name)] = labels;
            }
        }
    }

    internal static string[] LabelsOf(KubeObject application)
    {
        var labels = ApplicationLabels.Of(application);
        return
        [
            labels.Namespace,
            labels.Name,
            labels.Project,
            labels.Repo,
            labels.DestServer,
            labels.DestNamespace,
            application.GetString("status", "sync", "status") ?? "",
            application.GetString("status", "health", "status") ?? "",
            (application.Get("spec", "syncPolicy", "automated") is not null).ToString().ToLowerInvariant(),
            application.Get("operation", "sync") is not null ? "sync" : "",
        ];
    }
}
