using Homelab.DevCluster.Faults;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Tests.Infrastructure;
using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Tests;

/// <summary>A watch resumed after more changes than the server remembers gets 410 Expired; the cache relists.</summary>
public sealed class ExpiredWatchTests(ShortHistoryClusterFixture cluster) : IClassFixture<ShortHistoryClusterFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_expired_resource_version_triggers_a_relist_that_converges(bool useWatchList)
    {
        var client = cluster.Client;
        var ns = useWatchList ? "expired-watchlist" : "expired-list";
        await client.ApplyAsync(Objects.Namespace(ns), new ApplyOptions("t"), Ct);
        await client.ApplyAsync(Objects.ConfigMap(ns, "doomed"), new ApplyOptions("t"), Ct);
        cluster.Server.Requests.Reset();
        await using var cache = new ClusterCache(client, new CacheOptions
        {
            UseWatchList = useWatchList,
            InitialBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(200),
        });
        var informer = await cache.WatchAsync("", "ConfigMap", Ct);
        await cache.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, informer.ListCount);
        Assert.Equal(useWatchList ? 0 : 1, cluster.Server.Requests.Count("list", "configmaps"));

        // Keep the cache disconnected while more changes happen than the server's history holds.
        cluster.Server.Faults.AddError(new ErrorFault("watch", "configmaps", 503));
        cluster.Server.Faults.CloseWatches();
        await Eventually.TrueAsync(() => informer.LastError is not null, "a failed reconnect");
        for (var i = 0; i < 10; i++)
        {
            await client.ApplyAsync(Objects.ConfigMap(ns, $"while-away-{i}"), new ApplyOptions("t"), Ct);
        }

        await client.DeleteAsync(new ObjectReference("v1", "ConfigMap", ns, "doomed"), new DeleteOptions(), Ct);
        cluster.Server.Faults.Clear();

        await Eventually.TrueAsync(() => informer.ListCount == 2, "a relist after 410 Expired");
        await Eventually.TrueAsync(() => cache.List("", "ConfigMap", ns).Count == 10, "all ten objects made while away");
        Assert.Null(cache.Get(new ObjectId("", "ConfigMap", ns, "doomed")));
        Assert.Equal(useWatchList ? 0 : 2, cluster.Server.Requests.Count("list", "configmaps"));
    }
}
