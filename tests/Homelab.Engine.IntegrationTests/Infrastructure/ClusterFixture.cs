using Homelab.DevCluster;
using Homelab.Engine.Sync;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;

namespace Homelab.Engine.IntegrationTests.Infrastructure;

/// <summary>
/// One dev cluster per test class, reached over real HTTP, with one watch cache and executor that the
/// class's syncs share (as a reconciler would). The client records the order of writes.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public const string Manager = "argocd-controller";

    public DevClusterServer Server { get; private set; } = null!;

    public ClusterConnection Connection { get; private set; } = null!;

    public RequestMetrics Metrics { get; } = new();

    public RecordingClient Client { get; private set; } = null!;

    public ClusterCache Cache { get; private set; } = null!;

    public SyncExecutor Executor { get; private set; } = null!;

    protected virtual DevClusterOptions Options => new()
    {
        SimulatorDelay = TimeSpan.FromMilliseconds(50),
        BookmarkInterval = TimeSpan.FromMilliseconds(200),
    };

    public async Task InitializeAsync()
    {
        Server = await DevClusterServer.StartAsync(Options);
        Connection = ClusterConnection.FromKubeconfig(Server.KubeconfigPath);
        Client = new RecordingClient(new ClusterClient(Connection, Metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero }));
        Cache = NewCache();
        Executor = new SyncExecutor(Client, Cache);
    }

    /// <summary>A cache of its own, for tests that need one that has not watched anything yet.</summary>
    public ClusterCache NewCache() => new(Client, new CacheOptions
    {
        OwnManagers = new HashSet<string> { Manager },
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(500),
    });

    public async Task DisposeAsync()
    {
        await Cache.DisposeAsync();
        Connection.Dispose();
        Metrics.Dispose();
        await Server.DisposeAsync();
    }
}
