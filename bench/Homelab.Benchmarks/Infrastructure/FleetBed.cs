using Homelab.DevCluster;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Testing.Git;

namespace Homelab.Benchmarks.Infrastructure;

/// <summary>
/// What a fleet scenario runs a service against: the fleet repository in a temporary folder served by
/// <c>git daemon</c> on loopback, the dev cluster, and the benchmark's own client on it. Dispose to stop them
/// and remove the folder.
/// </summary>
internal sealed class FleetBed : IAsyncDisposable
{
    private readonly ClusterConnection _connection;
    private readonly RequestMetrics _metrics = new();

    private FleetBed(string root, GitDaemonServer daemon, DevClusterServer cluster, ClusterConnection connection)
    {
        Root = root;
        Daemon = daemon;
        Cluster = cluster;
        _connection = connection;
        // Discovery may refresh at once: the services install their CRDs after the client first read it.
        Client = new ClusterClient(connection, _metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero });
    }

    public string Root { get; }

    public GitDaemonServer Daemon { get; }

    public DevClusterServer Cluster { get; }

    public ClusterClient Client { get; }

    /// <summary>Creates the repository (<paramref name="folders"/> × <paramref name="objectsPerFolder"/>) and starts the daemon and the dev cluster.</summary>
    public static async Task<FleetBed> StartAsync(string name, int folders, int objectsPerFolder, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), $"homelab-bench-{name}-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        GitDaemonServer? daemon = null;
        DevClusterServer? cluster = null;
        try
        {
            await FleetRepository.CreateAsync(root, folders, objectsPerFolder, cancellationToken);
            daemon = await GitDaemonServer.StartAsync(root);
            cluster = await DevClusterServer.StartAsync(new DevClusterOptions(), cancellationToken);
            return new FleetBed(root, daemon, cluster, ClusterConnection.FromKubeconfig(cluster.KubeconfigPath));
        }
        catch
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            if (daemon is not null)
            {
                daemon.Dispose();
            }

            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>The configuration a service under test runs with on this bed.</summary>
    public Dictionary<string, string?> ServiceSettings() => FleetServiceSettings.For(Cluster.KubeconfigPath, Root, Daemon);

    /// <summary>Waits until the cluster serves <paramref name="kind"/>: a service installs its CRDs in the background once started.</summary>
    public async Task WaitForKindAsync(string group, string kind, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await Client.Discovery.ResolveAsync(group, kind, version: null, cancellationToken);
                return;
            }
            catch (UnknownKindException)
            {
                Client.Discovery.Invalidate();
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _metrics.Dispose();
        _connection.Dispose();
        await Cluster.DisposeAsync();
        Daemon.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
