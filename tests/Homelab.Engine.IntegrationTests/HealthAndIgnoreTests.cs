using System.Diagnostics;
using Homelab.Engine.Diff.Ignore;
using Homelab.Engine.IntegrationTests.Infrastructure;
using Homelab.Engine.Inventory;
using Homelab.Engine.Results;
using Homelab.Engine.Sync;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.IntegrationTests;

/// <summary>Health waits fail early on Degraded and at the deadline otherwise, and never let prune run; ignoreDifferences hides drift.</summary>
public sealed class HealthAndIgnoreTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly ArgoOwnerMark Owner = new("health");

    [Fact]
    public async Task ADegradedDeploymentFailsTheSyncEarlyStopsLaterWavesAndPrunesNothing()
    {
        const string ns = "health-degraded";
        var stale = Fixtures.ConfigMap(ns, "stale");
        var seeded = await cluster.Executor.SyncAsync(new SyncRequest([Fixtures.Namespace(ns), stale], ClusterFixture.Manager, Owner), CancellationToken.None);
        Assert.True(seeded.Result.Succeeded, seeded.Result.Message);
        var broken = Fixtures.Deployment(ns, "broken").WithAnnotation("devcluster.homelab.dev/simulate", "fail");
        var later = Fixtures.ConfigMap(ns, "later").WithAnnotation("argocd.argoproj.io/sync-wave", "1");
        var request = new SyncRequest([Fixtures.Namespace(ns), broken, later], ClusterFixture.Manager, Owner)
        {
            Wait = true, Prune = true, PreviousInventory = seeded.Inventory, Timeout = TimeSpan.FromSeconds(30),
        };

        var stopwatch = Stopwatch.StartNew();
        var report = await cluster.Executor.SyncAsync(request, CancellationToken.None);

        Assert.False(report.Result.Succeeded);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}: Degraded must not wait for the timeout");
        var failure = Assert.Single(report.Result.Failures);
        Assert.Equal(broken.Id, failure.Id);
        Assert.Contains("Degraded", failure.Message);
        Assert.Null(await cluster.Client.TryGetAsync(ObjectReference.From(later), CancellationToken.None));
        Assert.NotNull(await cluster.Client.TryGetAsync(ObjectReference.From(stale), CancellationToken.None));
        Assert.Contains(stale.Id, report.Inventory);
    }

    [Fact]
    public async Task AnObjectThatNeverBecomesHealthyFailsAtTheDeadline()
    {
        const string ns = "health-timeout";
        var stuck = Fixtures.Deployment(ns, "stuck").WithAnnotation("devcluster.homelab.dev/simulate", "never");

        var report = await cluster.Executor.SyncAsync(
            new SyncRequest([Fixtures.Namespace(ns), stuck], ClusterFixture.Manager, Owner) { Wait = true, Timeout = TimeSpan.FromSeconds(1) },
            CancellationToken.None);

        Assert.False(report.Result.Succeeded);
        Assert.Contains("timed out waiting for health", Assert.Single(report.Result.Failures).Message);
    }

    [Fact]
    public async Task FluxStagesWithoutWaitDoNotWaitForOrdinaryObjectsEvenWithNoClusterDefinitions()
    {
        // The namespace exists already, so the only stage is "resources": Flux does not health-check it
        // without wait (a root Kustomization applying itself would otherwise wait for its own readiness).
        const string ns = "staged-no-wait";
        var seeded = await cluster.Executor.SyncAsync(new SyncRequest([Fixtures.Namespace(ns)], ClusterFixture.Manager, Owner), CancellationToken.None);
        Assert.True(seeded.Result.Succeeded, seeded.Result.Message);
        var stuck = Fixtures.Deployment(ns, "stuck").WithAnnotation("devcluster.homelab.dev/simulate", "never");

        var report = await cluster.Executor.SyncAsync(
            new SyncRequest([stuck], ClusterFixture.Manager, new FluxOwnerMark("staged", ns)) { Mode = PlanningMode.Staged, Timeout = TimeSpan.FromSeconds(2) },
            CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        Assert.NotNull(await cluster.Client.TryGetAsync(ObjectReference.From(stuck), CancellationToken.None));
    }

    [Fact]
    public async Task IgnoreDifferencesHidesDriftInTheIgnoredField()
    {
        const string ns = "ignore";
        var deployment = Fixtures.Deployment(ns, "scaled");
        var ignore = IgnoreRuleSet.Compile([new IgnoreDifferencesRule { Group = "apps", Kind = "Deployment", JsonPointers = ["/spec/replicas"] }]);
        var request = new SyncRequest([Fixtures.Namespace(ns), deployment], ClusterFixture.Manager, Owner) { IgnoreDifferences = ignore };
        Assert.True((await cluster.Executor.SyncAsync(request, CancellationToken.None)).Result.Succeeded);

        // An autoscaler (or a person) scales it: we own replicas, but the rule says not to care.
        await cluster.Client.PatchAsync(ObjectReference.From(deployment), """{"spec":{"replicas":5}}""", PatchType.Merge, new WriteOptions("hpa"), CancellationToken.None);
        await Eventually.TrueAsync(() => cluster.Cache.Get(deployment.Id)?.Get("spec", "replicas")?.GetValue<int>() == 5, "the cache sees the new scale");
        cluster.Server.Requests.Reset();

        var report = await cluster.Executor.SyncAsync(request, CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        Assert.All(report.Result.Objects, o => Assert.Equal(SyncAction.Unchanged, o.Action));
        Assert.Equal(0, cluster.Server.Requests.Total);
    }

    [Fact]
    public async Task ArgoWavesWaitForHealthEvenWithoutTheWaitOption()
    {
        const string ns = "health-waves";
        var broken = Fixtures.Deployment(ns, "broken").WithAnnotation("devcluster.homelab.dev/simulate", "fail");
        var next = Fixtures.ConfigMap(ns, "next-wave").WithAnnotation("argocd.argoproj.io/sync-wave", "1");

        var report = await cluster.Executor.SyncAsync(
            new SyncRequest([Fixtures.Namespace(ns), broken, next], ClusterFixture.Manager, Owner) { Timeout = TimeSpan.FromSeconds(30) },
            CancellationToken.None);

        Assert.False(report.Result.Succeeded);
        Assert.Equal(broken.Id, Assert.Single(report.Result.Failures).Id);
        Assert.Null(await cluster.Client.TryGetAsync(ObjectReference.From(next), CancellationToken.None));
    }

    [Fact]
    public async Task CancellingDuringTheHealthWaitEndsTheSyncAsCanceled()
    {
        const string ns = "health-cancel";
        var stuck = Fixtures.Deployment(ns, "stuck").WithAnnotation("devcluster.homelab.dev/simulate", "never");
        using var cancel = new CancellationTokenSource();
        using var subscription = cluster.Cache.Subscribe(e =>
        {
            if (e.Object.Name == "stuck")
            {
                cancel.Cancel();
            }
        });

        var report = await cluster.Executor.SyncAsync(
            new SyncRequest([Fixtures.Namespace(ns), stuck], ClusterFixture.Manager, Owner) { Wait = true, Timeout = TimeSpan.FromSeconds(30) },
            cancel.Token);

        Assert.Equal(SyncOutcome.Canceled, report.Result.Outcome);
        Assert.Contains(stuck.Id, report.Inventory);
    }
}
