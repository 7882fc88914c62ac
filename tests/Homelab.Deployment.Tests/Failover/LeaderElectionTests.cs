using System.Diagnostics;
using Homelab.Controllers;
using Homelab.Deployment.Tests.Fixtures;
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
        await using var bed = await BootstrappedCluster.StartAsync(url => Files(url, "v1"));
        await using var observer = await Observer.StartAsync(bed.Client, ("", "ConfigMap"), ("coordination.k8s.io", "Lease"));

        await using var first = await InClusterService.StartInfrastructureAsync(bed.Cluster.KubeconfigPath, bed.Sub("replica-0"), "replica-0");
        await Eventually.TrueAsync(() => Manager(first).IsLeader, "replica-0 leads", TimeSpan.FromSeconds(15));
        await using var second = await InClusterService.StartInfrastructureAsync(bed.Cluster.KubeconfigPath, bed.Sub("replica-1"), "replica-1");
        using var standbyWrites = new InstanceWrites(second.Services);

        await Eventually.TrueAsync(() => Setting(observer) == "v1", "v1 applied by the leader", TimeSpan.FromSeconds(20));
        bed.Commit("v2", Files(bed.Url, "v2"));
        await Eventually.TrueAsync(() => Setting(observer) == "v2", "v2 applied by the leader", TimeSpan.FromSeconds(20));

        Assert.True(Manager(first).IsLeader);
        Assert.False(Manager(second).IsLeader);
        Assert.All(Manager(second).Controllers, c => Assert.False(c.IsSynced, $"standby controller {c.Name} runs"));
        Assert.Equal(0, standbyWrites.Count);
        Assert.Equal("replica-0", observer.Get("coordination.k8s.io", "Lease", "homelab-system", "homelab-infrastructure-leader")?.GetString("spec", "holderIdentity"));

        // The leader stops (a rolling update, a drained node); a new commit lands at the same moment.
        var stopped = Stopwatch.StartNew();
        await first.StopAsync();
        bed.Commit("v3", Files(bed.Url, "v3"));

        await Eventually.TrueAsync(() => Manager(second).IsLeader && Setting(observer) == "v3", "replica-1 leads and applies v3", LeaseDuration + Margin);
        output.WriteLine($"replica-1 led and applied v3 {stopped.Elapsed.TotalSeconds:0.0} s after replica-0 stopped");
        Assert.Equal("replica-1", observer.Get("coordination.k8s.io", "Lease", "homelab-system", "homelab-infrastructure-leader")?.GetString("spec", "holderIdentity"));
        Assert.True(standbyWrites.Count > 0, "the new leader wrote nothing");
    }

    private static ControllerManager Manager(InClusterService service) => service.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ControllerManager>().Single();

    private static string? Setting(Observer observer) => observer.Get("", "ConfigMap", "default", "setting")?.GetString("data", "value");

    private static (string, string)[] Files(string url, string value) =>
    [
        ("cluster/source.yaml", FluxYaml.GitRepository("flux-system", "homelab", url, interval: "1s")),
        ("cluster/setting.yaml", FluxYaml.ConfigMap("setting", "default", value)),
    ];
}
