using System.Collections.Concurrent;
using Prometheus;

namespace Homelab.DevCluster.Accounting;

/// <summary>
/// Counts the API requests the server answers. The Prometheus counter
/// <c>devcluster_requests_total</c> only ever grows (as counters must); the in-memory counts behind
/// <see cref="Snapshot"/> can be reset so a test measures exactly the calls of one step.
/// </summary>
public sealed class RequestAccounting
{
    private readonly ConcurrentDictionary<RequestKey, long> _counts = new();
    private readonly Counter _counter;

    public RequestAccounting()
    {
        Registry = Metrics.NewCustomRegistry();
        _counter = Metrics.WithCustomRegistry(Registry).CreateCounter(
            "devcluster_requests_total",
            "API requests served by the dev cluster, by Kubernetes verb and resource.",
            new CounterConfiguration { LabelNames = ["verb", "group", "resource", "subresource", "dry_run"] });
    }

    /// <summary>The registry behind the dev cluster's own <c>/metrics</c> (kept apart from the process-wide one).</summary>
    public CollectorRegistry Registry { get; }

    public void Record(RequestKey key)
    {
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        _counter.WithLabels(key.Verb, key.Group, key.Resource, key.Subresource, key.DryRun ? "true" : "false").Inc();
    }

    public IReadOnlyDictionary<RequestKey, long> Snapshot() => new Dictionary<RequestKey, long>(_counts);

    /// <summary>Requests since the last reset, optionally only one verb and/or resource.</summary>
    public long Count(string? verb = null, string? resource = null) =>
        _counts.Where(p => (verb is null || p.Key.Verb == verb) && (resource is null || p.Key.Resource == resource)).Sum(p => p.Value);

    public long Total => _counts.Values.Sum();

    public void Reset() => _counts.Clear();
}
