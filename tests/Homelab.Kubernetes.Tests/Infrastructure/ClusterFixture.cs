using Homelab.DevCluster;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;

namespace Homelab.Kubernetes.Tests.Infrastructure;

/// <summary>One dev cluster per test class, reached over real HTTP through a kubeconfig-built connection.</summary>
public class ClusterFixture : IAsyncLifetime
{
    public DevClusterServer Server { get; private set; } = null!;

    public ClusterConnection Connection { get; private set; } = null!;

    public RequestMetrics Metrics { get; } = new();

    public ClusterClient Client { get; private set; } = null!;

    protected virtual DevClusterOptions Options => new() { BookmarkInterval = TimeSpan.FromMilliseconds(200) };

    public async Task InitializeAsync()
    {
        Server = await DevClusterServer.StartAsync(Options);
        Connection = ClusterConnection.FromKubeconfig(Server.KubeconfigPath);
        Client = new ClusterClient(Connection, Metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero });
    }

    public async Task DisposeAsync()
    {
        Connection.Dispose();
        Metrics.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>A dev cluster that forgets watch history quickly, so a resumed watch can be forced into 410 Expired.</summary>
public sealed class ShortHistoryClusterFixture : ClusterFixture
{
    protected override DevClusterOptions Options => new() { WatchHistorySize = 5, BookmarkInterval = TimeSpan.FromMilliseconds(200) };
}
