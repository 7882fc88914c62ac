using Homelab.DevCluster.Faults;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Tests.Infrastructure;

namespace Homelab.Kubernetes.Tests;

/// <summary>The cache converges to the server's state while watches fail, lag and drop.</summary>
public sealed class FaultyClusterCacheTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Converges_despite_failing_slow_and_dropped_watches()
    {
        var client = cluster.Client;
        var faults = cluster.Server.Faults;
        await client.ApplyAsync(Objects.Namespace("faulty"), new ApplyOptions("t"), Ct);
        for (var i = 0; i < 20; i++)
        {
            await client.ApplyAsync(Objects.ConfigMap("faulty", $"initial-{i}"), new ApplyOptions("t"), Ct);
        }

        try
        {
            faults.AddError(new ErrorFault("watch", "configmaps", 500, Rate: 0.3));
            faults.Latency = TimeSpan.FromMilliseconds(20);
            await using var cache = new ClusterCache(client, new CacheOptions { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(100) });
            await cache.WatchAsync("", "ConfigMap", Ct);
            await cache.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(20));

            for (var i = 0; i < 20; i++)
            {
                await client.ApplyAsync(Objects.ConfigMap("faulty", $"later-{i}"), new ApplyOptions("t"), Ct);
                await client.ApplyAsync(Objects.ConfigMap("faulty", $"initial-{i}", """{"a":"changed"}"""), new ApplyOptions("t"), Ct);
                if (i % 2 == 0)
                {
                    await client.DeleteAsync(new ObjectReference("v1", "ConfigMap", "faulty", $"later-{i}"), new DeleteOptions(), Ct);
                }

                if (i % 5 == 0)
                {
                    faults.CloseWatches();
                }
            }

            var live = await client.ListAsync("v1", "ConfigMap", new ListOptions("faulty"), Ct);
            var expected = live.Items.Select(o => $"{o.Name}={o.GetString("data", "a")}").Order().ToList();
            Assert.Equal(30, expected.Count);
            await Eventually.TrueAsync(
                () => cache.List("", "ConfigMap", "faulty").Select(o => $"{o.Name}={o.GetString("data", "a")}").Order().SequenceEqual(expected),
                "the cache matching the server",
                TimeSpan.FromSeconds(20));
        }
        finally
        {
            faults.Clear();
        }
    }
}
