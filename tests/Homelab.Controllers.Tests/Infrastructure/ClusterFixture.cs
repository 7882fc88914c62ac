using Homelab.DevCluster;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Manifests.Objects;

namespace Homelab.Controllers.Tests.Infrastructure;

/// <summary>A dev cluster per test class with the test CRD (Widget) installed, reached over real HTTP.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public DevClusterServer Server { get; private set; } = null!;

    public ClusterConnection Connection { get; private set; } = null!;

    public RequestMetrics Metrics { get; } = new();

    public ClusterClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await DevClusterServer.StartAsync(new DevClusterOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        Connection = ClusterConnection.FromKubeconfig(Server.KubeconfigPath);
        Client = NewClient();
        await Client.ApplyAsync(Widgets.Crd, new ApplyOptions("test"), CancellationToken.None);
    }

    /// <summary>Another client with its own discovery cache, as a second replica would have.</summary>
    public ClusterClient NewClient() => new(Connection, Metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero });

    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        await Client.CreateAsync(KubeObject.FromJson($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}"}}"""), new WriteOptions(), CancellationToken.None);
        return name;
    }

    public async Task DisposeAsync()
    {
        Connection.Dispose();
        Metrics.Dispose();
        await Server.DisposeAsync();
    }
}
