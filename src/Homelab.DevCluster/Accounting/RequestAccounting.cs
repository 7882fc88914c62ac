using System.Collections.Concurrent;
using Prometheus;

namespace Homelab.DevCluster.Accounting;

/// <summary>
/// Counts the API requests the server answers. The Prometheus counter
/// <c>devcluster_requests_total</c> only ever grows (as counters must); the in-memory counts behind
/// <see cref="Snapshot"/> can be reset so a test measures exactly the calls of one step, and the
/// bounded <see cref="Log"/> keeps the most recent requests in arrival order.
/// </summary>
public sealed class RequestAccounting
{
    /// <summary>Enough for one sync of a large test set; older entries fall off.</summary>
    public const int LogCapacity = 20_000;

    private readonly ConcurrentDictionary<RequestKey, long> _counts = new();
    private readonly ConcurrentQueue<LoggedRequest> _log = new();
    private readonly Counter _counter;
    private long _sequence;

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

    public void Record(RequestKey key, string? @namespace = null, string? name = null)
    {
        _log.Enqueue(new LoggedRequest(Interlocked.Increment(ref _sequence), key, @namespace, name));
        while (_log.Count > LogCapacity && _log.TryDequeue(out _))
        {
        }

        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        _counter.WithLabels(key.Verb, key.Group, key.Resource, key.Subresource, key.DryRun ? "true" : "false").Inc();
    }

    public IReadOnlyDictionary<RequestKey, long> Snapshot() => new Dictionary<RequestKey, long>(_counts);

    /// <summary>Requests since the last reset, optionally only one verb and/or resource.</summary>
    public long Count(string? verb = null, string? resource = null) =>
        _counts.Where(p => (verb is null || p.Key.Verb == verb) && (resource is null || p.Key.Resource == resource)).Sum(p => p.Value);

    public long Total => _counts.Values.Sum();

    /// <summary>The most recent requests (at most <see cref="LogCapacity"/>) since the last reset, oldest first.</summary>
    public IReadOnlyList<LoggedRequest> Log => [.. _log.OrderBy(r => r.Sequence)];

    public void Reset()
    {
        _counts.Clear();
        _log.Clear();
    }
}
