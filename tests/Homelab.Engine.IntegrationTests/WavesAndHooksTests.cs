using Homelab.Engine.IntegrationTests.Infrastructure;
using Homelab.Engine.Inventory;
using Homelab.Engine.Plan;
using Homelab.Engine.Results;
using Homelab.Engine.Sync;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.IntegrationTests;

/// <summary>Phases, waves and hooks run in order, checked against the log of writes the server answered.</summary>
public sealed class WavesAndHooksTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static SyncRequest Request(IReadOnlyList<KubeObject> objects) =>
        new(objects, ClusterFixture.Manager, new ArgoOwnerMark("waves")) { Wait = true, Timeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task PreSyncHookThenWavesInOrderThenPostSync()
    {
        var ns = "waves-order";
        var objects = new List<KubeObject>
        {
            Fixtures.ConfigMap(ns, "late").WithAnnotation("argocd.argoproj.io/sync-wave", "1"),
            Fixtures.Deployment(ns, "app"),
            Fixtures.ConfigMap(ns, "early").WithAnnotation("argocd.argoproj.io/sync-wave", "-1"),
            Fixtures.Job(ns, "migrate", "PreSync"),
            Fixtures.Job(ns, "smoke", "PostSync", deletePolicy: "HookSucceeded"),
            Fixtures.Namespace(ns).WithAnnotation("argocd.argoproj.io/sync-wave", "-5"),
        };
        cluster.Client.ClearWrites();
        cluster.Server.Requests.Reset();

        var report = await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        var applies = cluster.Client.Writes.Where(w => w.Verb == "apply").Select(w => w.Id.Name).ToList();
        Assert.Equal(["waves-order", "migrate", "early", "app", "late", "smoke"], applies);
        // The same order as the server saw it: its request log, real (not dry-run) patches only.
        var served = cluster.Server.Requests.Log.Where(r => r.Key is { Verb: "patch", DryRun: false }).Select(r => r.Name).ToList();
        Assert.Equal(["waves-order", "migrate", "early", "app", "late", "smoke"], served);
        Assert.Contains(cluster.Client.Writes, w => w is { Verb: "delete", Id.Name: "smoke" });
        Assert.DoesNotContain(cluster.Client.Writes, w => w is { Verb: "delete", Id.Name: "migrate" });
        Assert.Equal(SyncPhase.PostSync, report.Result.LastPhase);
        Assert.DoesNotContain(new ObjectId("batch", "Job", ns, "migrate"), report.Inventory);
    }

    [Fact]
    public async Task AFailingPreSyncHookStopsTheSyncAndRunsSyncFailHooks()
    {
        var ns = "waves-fail";
        Assert.True((await cluster.Executor.SyncAsync(Request([Fixtures.Namespace(ns)]), CancellationToken.None)).Result.Succeeded);
        var objects = new List<KubeObject>
        {
            Fixtures.Namespace(ns),
            Fixtures.ConfigMap(ns, "app-config"),
            Fixtures.Deployment(ns, "app"),
            Fixtures.Job(ns, "migrate", "PreSync", simulate: "fail"),
            Fixtures.Job(ns, "notify", "SyncFail"),
        };
        cluster.Client.ClearWrites();

        var report = await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None);

        Assert.False(report.Result.Succeeded);
        var failed = Assert.Single(report.Result.Failures);
        Assert.Equal("migrate", failed.Id.Name);
        Assert.Contains("hook failed", failed.Message);
        Assert.Contains(report.Result.Objects, o => o is { Id.Name: "notify", Action: SyncAction.Created, Phase: SyncPhase.SyncFail });
        Assert.Equal(["migrate", "notify"], cluster.Client.Writes.Where(w => w.Verb == "apply").Select(w => w.Id.Name));
        Assert.Null(await cluster.Client.TryGetAsync(new ObjectReference("v1", "ConfigMap", ns, "app-config"), CancellationToken.None));
        Assert.Null(await cluster.Client.TryGetAsync(new ObjectReference("apps/v1", "Deployment", ns, "app"), CancellationToken.None));
    }
}
