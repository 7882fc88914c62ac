using Homelab.DevCluster.Faults;
using Homelab.Engine.IntegrationTests.Infrastructure;
using Homelab.Engine.Inventory;
using Homelab.Engine.Results;
using Homelab.Engine.Sync;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.IntegrationTests;

/// <summary>A sync through a flaky API server: 5% errors, 200 ms latency and watches dropped while it runs.</summary>
public sealed class FaultToleranceTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const int Size = 300;

    [Fact]
    public async Task ThreeHundredObjectsConvergeLoseNothingAndDeleteNothingWrongly()
    {
        const string ns = "faults";
        var owner = new FluxOwnerMark("apps", "flux-system");
        var desired = new List<KubeObject> { Fixtures.Namespace(ns) };
        desired.AddRange(Enumerable.Range(0, Size).Select(i => Fixtures.ConfigMap(ns, $"cm-{i}", value: $"v{i}")));

        // Before the faults: a stale object of ours (to prune) and someone else's object (never to prune).
        var stale = Fixtures.ConfigMap(ns, "stale");
        var foreign = Fixtures.ConfigMap(ns, "foreign");
        var seeded = await cluster.Executor.SyncAsync(new SyncRequest([desired[0], stale], "kustomize-controller", owner), CancellationToken.None);
        Assert.True(seeded.Result.Succeeded, seeded.Result.Message);
        await cluster.Client.ApplyAsync(foreign, new ApplyOptions("someone-else"), CancellationToken.None);
        var previous = seeded.Inventory.Append(foreign.Id).ToList();

        cluster.Server.Faults.AddError(new ErrorFault(null, null, 503, 0.05));
        cluster.Server.Faults.Latency = TimeSpan.FromMilliseconds(200);
        cluster.Server.Requests.Reset();
        using var stop = new CancellationTokenSource();
        var dropper = DropWatchesAsync(stop.Token);
        SyncReport report;
        try
        {
            report = await cluster.Executor.SyncAsync(
                new SyncRequest(desired, "kustomize-controller", owner) { Mode = PlanningMode.Staged, Prune = true, PreviousInventory = previous, Timeout = TimeSpan.FromSeconds(60) },
                CancellationToken.None);
        }
        finally
        {
            await stop.CancelAsync();
            await dropper;
            cluster.Server.Faults.Clear();
        }

        Assert.True(report.Result.Succeeded, report.Result.Message);
        Assert.Equal(Size, report.Result.Objects.Count(o => o.Action == SyncAction.Created));
        Assert.Equal(stale.Id, Assert.Single(report.Result.Objects, o => o.Action == SyncAction.Pruned).Id);

        // Retries are bounded: one dry run and one apply per object, plus a few retried 503s.
        var patches = cluster.Server.Requests.Count("patch", "configmaps");
        Assert.InRange(patches, 2 * Size, 2 * Size * 1.25);

        var live = await cluster.Client.ListAsync("v1", "ConfigMap", new ListOptions { Namespace = ns }, CancellationToken.None);
        var names = live.Items.Select(o => o.Name).ToHashSet();
        Assert.All(desired.Skip(1), d => Assert.Contains(d.Name, names));
        Assert.Contains("foreign", names);
        Assert.DoesNotContain("stale", names);
        Assert.Equal(Size + 1, names.Count);

        // Converged: once the cache caught up, the same sync has nothing left to do.
        await Eventually.TrueAsync(() => desired.All(d => cluster.Cache.Get(d.Id) is not null), "the cache holds every object after the faults");
        var again = await cluster.Executor.SyncAsync(new SyncRequest(desired, "kustomize-controller", owner) { Mode = PlanningMode.Staged }, CancellationToken.None);
        Assert.All(again.Result.Objects, o => Assert.Equal(SyncAction.Unchanged, o.Action));
    }

    /// <summary>Ends every open watch now and then while the sync runs, as a flaky load balancer would.</summary>
    private async Task DropWatchesAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(700), cancellationToken);
                cluster.Server.Faults.CloseWatches();
            }
        }
        catch (OperationCanceledException)
        {
            // The sync finished.
        }
    }
}
