using System.Diagnostics;
using Homelab.DevCluster;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Benchmarks.Kubernetes;

/// <summary>
/// Managed memory held by the watch-backed cache for 10,000 ConfigMaps of a few hundred bytes each,
/// and how long the initial sync takes (WatchList over real HTTP against the in-process dev cluster).
/// </summary>
public sealed class WatchCacheMemoryScenario : IScenario
{
    private const int Objects = 10_000;
    private const int Namespaces = 4;
    private const int Writers = 4;
    private const string Manager = "bench";

    public string Name => "watch-cache-memory";

    public string Description => "watch cache with 10,000 ConfigMaps: managed heap bytes per object and total, initial sync time";

    public async Task RunAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        await using var server = await DevClusterServer.StartAsync(new DevClusterOptions { MaxObjectsPerNamespace = Objects, BookmarkInterval = TimeSpan.FromMilliseconds(500) }, cancellationToken);
        using var connection = ClusterConnection.FromKubeconfig(server.KubeconfigPath);
        using var metrics = new RequestMetrics();
        var client = new ClusterClient(connection, metrics);
        await CreateObjectsAsync(client, cancellationToken);

        // A throwaway sync first, so whatever the in-process server builds lazily to serve a watch
        // (serialized forms, buffers) is already there and not charged to the cache.
        await SyncAndDisposeAsync(client, cancellationToken);

        // What the cache held is what disposing it gives back. Each sync runs in its own method so
        // no async state machine of ours keeps a disposed cache reachable.
        var (held, averageJson, elapsed, gone, withCache) = await SyncAndDisposeAsync(client, cancellationToken);
        var withoutCache = await HeapOnceCollectedAsync(gone, cancellationToken);
        if (held < Objects)
        {
            throw new InvalidOperationException($"the cache held {held} ConfigMaps, expected at least {Objects}");
        }

        var bytes = withCache - withoutCache;
        report.Add("objects cached", held, "objects");
        report.Add("initial sync (WatchList)", elapsed.TotalMilliseconds, "ms");
        report.Add("managed heap held by the cache", bytes / (1024.0 * 1024.0), "MiB");
        report.Add("managed heap per object", (double)bytes / held, "bytes");
        report.Add("cached JSON per object (trimmed)", averageJson, "bytes");
        report.Add("JSON size per object (as served, untrimmed)", SampleSize(await client.GetAsync(new ObjectReference("v1", "ConfigMap", "bench-0", "cm-0"), cancellationToken)), "bytes");
    }

    private static async Task<(int Held, double AverageJson, TimeSpan Elapsed, WeakReference Informer, long HeapWithCache)> SyncAndDisposeAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var cache = new ClusterCache(client, new CacheOptions { OwnManagers = new HashSet<string> { Manager } });
        var informer = await cache.WatchAsync("", "ConfigMap", cancellationToken);
        await cache.WaitForSyncAsync(cancellationToken);
        stopwatch.Stop();
        return (informer.Count, informer.AverageObjectSize, stopwatch.Elapsed, new WeakReference(informer), GC.GetTotalMemory(forceFullCollection: true));
    }

    /// <summary>
    /// The heap once the disposed cache is really gone: its cancelled watch stays reachable from the
    /// socket layer until the in-process server notices the closed connection (at its next bookmark).
    /// </summary>
    private static async Task<long> HeapOnceCollectedAsync(WeakReference informer, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            if (!informer.IsAlive)
            {
                return heap;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException("the disposed cache was still reachable after 30 s: a leak");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static double SampleSize(KubeObject obj) => obj.ToJson().Length;

    private static async Task CreateObjectsAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        for (var n = 0; n < Namespaces; n++)
        {
            await client.ApplyAsync(KubeObject.FromJson("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bench-" + n + "\"}}"), new ApplyOptions(Manager), cancellationToken);
        }

        var next = -1;
        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Objects)
            {
                await client.ApplyAsync(ConfigMap(i), new ApplyOptions(Manager), cancellationToken);
            }
        }, cancellationToken));
        await Task.WhenAll(writers);
    }

    /// <summary>About 300 bytes of data plus labels and an annotation, like a small application config.</summary>
    private static KubeObject ConfigMap(int i)
    {
        var obj = KubeObject.FromJson(
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-" + (i / Namespaces) + "\",\"namespace\":\"bench-" + (i % Namespaces) + "\"},"
            + "\"data\":{\"settings.ini\":\"" + new string('s', 200) + "\",\"mode\":\"production\",\"replica\":\"" + i + "\"}}");
        obj.SetLabel("app.kubernetes.io/name", "bench");
        obj.SetLabel("kustomize.toolkit.fluxcd.io/name", "apps");
        obj.SetAnnotation("kubectl.kubernetes.io/last-applied-configuration", obj.ToJson());
        return obj;
    }
}
