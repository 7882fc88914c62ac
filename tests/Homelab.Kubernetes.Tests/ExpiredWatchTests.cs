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

    [Fact]
    public async Task An_expired_resource_version_triggers_a_relist_that_converges()
    {
        var client = cluster.Client;
        await client.ApplyAsync(Objects.Namespace("expired"), new ApplyOptions("t"), Ct);
        await client.ApplyAsync(Objects.ConfigMap("expired", "doomed"), new ApplyOptions("t"), Ct);
        await using var cache = new ClusterCache(client, new CacheOptions { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(200) });
        var informer = await cache.WatchAsync("", "ConfigMap", Ct);
        await cache.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, informer.ListCount);

        // Keep the cache disconnected while more changes happen than the server's history holds.
        cluster.Server.Faults.AddError(new ErrorFault("watch", "configmaps", 503));
        cluster.Server.Faults.CloseWatches();
        await Eventually.TrueAsync(() => informer.LastError is not null, "a failed reconnect");
        for (var i = 0; i < 10; i++)
        {
            await client.ApplyAsync(Objects.ConfigMap("expired", $"while-away-{i}"), new ApplyOptions("t"), Ct);
        }

        await client.DeleteAsync(new ObjectReference("v1", "ConfigMap", "expired", "doomed"), new DeleteOptions(), Ct);
        cluster.Server.Faults.Clear();

        await Eventually.TrueAsync(() => informer.ListCount == 2, "a relist after 410 Expired");
        await Eventually.TrueAsync(() => cache.List("", "ConfigMap", "expired").Count == 10, "all ten objects made while away");
        Assert.Null(cache.Get(new ObjectId("", "ConfigMap", "expired", "doomed")));
    }
}
