using System.Diagnostics;
using Homelab.Controllers;
using Homelab.Deployment.Tests.Fixtures;
using Homelab.DevCluster;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Homelab.Deployment.Tests.Failover;

/// <summary>
/// Two replicas of the infrastructure service on one dev cluster and one Lease (3 s): only the leader
/// reconciles; when it stops, the standby leads and applies a new commit within the lease duration plus a margin.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LeaderElectionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Only_the_leader_reconciles_and_the_standby_takes_over_within_the_lease()
    {
        using var temp = new TempDirectory();
        await using var git = await GitHttpServer.StartAsync(temp.Sub("served"));
        var repo = new TestRepository(temp.Sub("served"), "homelab");
        var url = git.UrlFor(repo.Name);
        repo.Commit("v1", Files(url, "v1"));
        repo.Push();

        await using var cluster = await DevClusterServer.StartAsync(new DevClusterOptions { SimulatorDelay = TimeSpan.FromMilliseconds(50) });
        var bootstrap = await CliRun.RunAsync(null, "bootstrap", "--repo", url, "--path", "cluster", "--kubeconfig", cluster.KubeconfigPath, "--wait=false");
        Assert.True(bootstrap.ExitCode == 0, bootstrap.ToString());
        using var connection = ClusterConnection.FromKubeconfig(cluster.KubeconfigPath);
        using var metrics = new RequestMetrics();
        var client = new ClusterClient(connection, metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero });
        await using var observer = await Observer.StartAsync(client, ("", "ConfigMap"), ("coordination.k8s.io", "Lease"));

        await using var first = await InClusterService.StartInfrastructureAsync(cluster.KubeconfigPath, temp.Sub("replica-0"), "replica-0");
        await Eventually.TrueAsync(() => Manager(first).IsLeader, "replica-0 leads", TimeSpan.FromSeconds(15));
        await using var second = await InClusterService.StartInfrastructureAsync(cluster.KubeconfigPath, temp.Sub("replica-1"), "replica-1");
        using var standbyWrites = new InstanceWrites(second.Services);

        await Eventually.TrueAsync(() => Setting(observer) == "v1", "v1 applied by the leader", TimeSpan.FromSeconds(20));
        repo.Commit("v2", Files(url, "v2"));
        repo.Push();
        await Eventually.TrueAsync(() => Setting(observer) == "v2", "v2 applied by the leader", TimeSpan.FromSeconds(20));

        Assert.True(Manager(first).IsLeader);
        Assert.False(Manager(second).IsLeader);
        Assert.All(Manager(second).Controllers, c => Assert.False(c.IsSynced, $"standby controller {c.Name} runs"));
        Assert.Equal(0, standbyWrites.Count);
        Assert.Equal("replica-0", observer.Get("coordination.k8s.io", "Lease", "homelab-system", "homelab-infrastructure-leader")?.GetString("spec", "holderIdentity"));

        // The leader stops (a rolling update, a drained node); a new commit lands at the same moment.
        var stopped = Stopwatch.StartNew();
        await first.StopAsync();
        repo.Commit("v3", Files(url, "v3"));
        repo.Push();

        await Eventually.TrueAsync(() => Manager(second).IsLeader && Setting(observer) == "v3", "replica-1 leads and applies v3", LeaseDuration + Margin);
        output.WriteLine($"replica-1 led and applied v3 {stopped.Elapsed.TotalSeconds:0.0} s after replica-0 stopped");
        Assert.Equal("replica-1", observer.Get("coordination.k8s.io", "Lease", "homelab-system", "homelab-infrastructure-leader")?.GetString("spec", "holderIdentity"));
        Assert.True(standbyWrites.Count > 0, "the new leader wrote nothing");
    }

    private static ControllerManager Manager(InClusterService service) => service.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ControllerManager>().Single();

    private static string? Setting(Observer observer) => observer.Get("", "ConfigMap", "default", "setting")?.GetString("data", "value");

    private static (string, string)[] Files(string url, string value) =>
    [
        ("cluster/source.yaml", $"""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: homelab
              namespace: flux-system
            spec:
              url: {url}
              ref:
                branch: main
              interval: 1s
            """),
        ("cluster/setting.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: setting\n  namespace: default\ndata:\n  value: {value}\n"),
    ];
}
