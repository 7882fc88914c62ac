using Homelab.DevCluster;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Manifests.Tools;

namespace Homelab.Api.Tests.Infrastructure;

/// <summary>A fresh dev cluster per test, reached over real HTTP, plus the pinned kubectl pointed at it.</summary>
internal sealed class DevClusterFixture : IAsyncDisposable
{
    private static readonly TimeSpan KubectlTimeout = TimeSpan.FromSeconds(30);

    private readonly string _home;
    private readonly RequestMetrics _metrics = new();

    private DevClusterFixture(DevClusterServer server, ClusterConnection connection, string home)
    {
        Server = server;
        _home = home;
        Connection = connection;
        Client = new ClusterClient(connection, _metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero });
    }

    public DevClusterServer Server { get; }

    public ClusterConnection Connection { get; }

    public ClusterClient Client { get; }

    public static async Task<DevClusterFixture> StartAsync()
    {
        var server = await DevClusterServer.StartAsync(new DevClusterOptions());
        return new DevClusterFixture(server, ClusterConnection.FromKubeconfig(server.KubeconfigPath), Directory.CreateTempSubdirectory("homelab-api-kubectl-").FullName);
    }

    /// <summary>Runs the pinned kubectl with a private home and cache, failing the test when it fails.</summary>
    public async Task<string> KubectlAsync(params string[] args)
    {
        var environment = new Dictionary<string, string?> { ["HOME"] = _home, ["KUBECONFIG"] = Server.KubeconfigPath };
        string[] all = ["--kubeconfig", Server.KubeconfigPath, "--cache-dir", Path.Combine(_home, "cache"), .. args];
        var result = await ProcessRunner.RunAsync(KubeToolLocator.Pinned.Locate(KubeTool.Kubectl), all, _home, environment, KubectlTimeout, standardInput: null, CancellationToken.None);
        Assert.True(result.Succeeded, $"kubectl {string.Join(' ', args)} failed ({result.ExitCode}): {result.StandardError}");
        return result.StandardOutput;
    }

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        _metrics.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
