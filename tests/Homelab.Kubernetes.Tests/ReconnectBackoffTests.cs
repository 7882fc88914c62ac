using Homelab.DevCluster.Faults;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Homelab.Kubernetes.Tests;

/// <summary>Reconnects back off exponentially up to a cap, on the cache's TimeProvider, and start afresh after success.</summary>
public sealed class ReconnectBackoffTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Failed_watches_are_retried_after_doubling_delays_capped_at_the_maximum()
    {
        var fake = new FakeTimeProvider();
        var time = new TimerCountingTimeProvider(fake);
        var requests = cluster.Server.Requests;
        var faults = cluster.Server.Faults;
        faults.AddError(new ErrorFault("watch", "configmaps", 503));
        try
        {
            requests.Reset();
            await using var cache = new ClusterCache(cluster.Client, new CacheOptions
            {
                InitialBackoff = TimeSpan.FromSeconds(1),
                MaxBackoff = TimeSpan.FromSeconds(4),
                TimeProvider = time,
            });
            var informer = await cache.WatchAsync("", "ConfigMap", CancellationToken.None);
            await Eventually.TrueAsync(() => requests.Count("watch", "configmaps") == 1, "the first attempt");
            await Eventually.TrueAsync(() => time.TimersCreated == 1, "the first backoff waiting");
            Assert.False(informer.IsSynced);
            Assert.IsType<Errors.TransientApiException>(informer.LastError);

            var attempts = 1;
            foreach (var seconds in new[] { 1, 2, 4, 4, 4 })
            {
                await Eventually.TrueAsync(() => time.TimersCreated == attempts, $"backoff {attempts} waiting");
                fake.Advance(TimeSpan.FromSeconds(seconds));
                attempts++;
                await Eventually.TrueAsync(() => requests.Count("watch", "configmaps") == attempts, $"attempt {attempts} after {seconds}s");
            }

            faults.Clear();
            await Eventually.TrueAsync(() => time.TimersCreated == attempts, "the last backoff waiting");
            fake.Advance(TimeSpan.FromSeconds(4));
            await informer.Synced.WaitAsync(TimeSpan.FromSeconds(10));

            // After a success the next failure waits the initial delay again, not the cap.
            faults.AddError(new ErrorFault("watch", "configmaps", 503));
            var before = requests.Count("watch", "configmaps");
            faults.CloseWatches();
            await Eventually.TrueAsync(() => requests.Count("watch", "configmaps") == before + 1, "the failed reconnect");
            await Eventually.TrueAsync(() => time.TimersCreated == attempts + 1, "the reconnect backoff waiting");
            fake.Advance(TimeSpan.FromSeconds(1));
            await Eventually.TrueAsync(() => requests.Count("watch", "configmaps") == before + 2, "a retry after the initial delay");
        }
        finally
        {
            faults.Clear();
        }
    }
}
