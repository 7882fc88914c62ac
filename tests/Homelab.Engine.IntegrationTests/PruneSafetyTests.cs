using Homelab.DevCluster.Faults;
using Homelab.Engine.IntegrationTests.Infrastructure;
using Homelab.Engine.Inventory;
using Homelab.Engine.Results;
using Homelab.Engine.Sync;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.IntegrationTests;

/// <summary>Prune deletes only what we marked, only after a complete success, only from a synced cache.</summary>
public sealed class PruneSafetyTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly FluxOwnerMark Owner = new("apps", "flux-system");

    private static SyncRequest Request(IReadOnlyList<KubeObject> objects, IEnumerable<ObjectId> previous) =>
        new(objects, "kustomize-controller", Owner) { Mode = PlanningMode.Staged, Prune = true, PreviousInventory = [.. previous] };

    /// <summary>Syncs <paramref name="ns"/> with a kept and a stale ConfigMap; returns them and the inventory.</summary>
    private async Task<(List<KubeObject> Kept, KubeObject Stale, IReadOnlyList<ObjectId> Inventory)> SeedAsync(string ns)
    {
        var kept = new List<KubeObject> { Fixtures.Namespace(ns), Fixtures.ConfigMap(ns, "kept") };
        var stale = Fixtures.ConfigMap(ns, "stale");
        var seeded = await cluster.Executor.SyncAsync(Request([.. kept, stale], []), CancellationToken.None);
        Assert.True(seeded.Result.Succeeded, seeded.Result.Message);
        await Eventually.TrueAsync(() => cluster.Cache.Get(stale.Id) is not null, "the cache holds the stale object");
        return (kept, stale, seeded.Inventory);
    }

    private async Task<bool> ExistsAsync(KubeObject obj) =>
        await cluster.Client.TryGetAsync(new ObjectReference(obj.ApiVersion, obj.Kind, obj.Namespace, obj.Name), CancellationToken.None) is not null;

    [Fact]
    public async Task AStaleMarkedObjectIsDeletedAfterASuccessfulSync()
    {
        var (kept, stale, inventory) = await SeedAsync("prune-ok");

        var report = await cluster.Executor.SyncAsync(Request(kept, inventory), CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        Assert.Equal(stale.Id, Assert.Single(report.Result.Objects, o => o.Action == SyncAction.Pruned).Id);
        Assert.False(await ExistsAsync(stale));
        Assert.DoesNotContain(stale.Id, report.Inventory);
    }

    [Fact]
    public async Task ARenderFailureIsRefusedAndNothingIsWrittenOrDeleted()
    {
        var (kept, stale, inventory) = await SeedAsync("prune-render");
        cluster.Server.Requests.Reset();

        var report = await cluster.Executor.SyncAsync(Request(kept, inventory) with { RenderFailure = "kustomize build failed" }, CancellationToken.None);

        Assert.False(report.Result.Succeeded);
        Assert.Contains("kustomize build failed", report.Result.Message);
        Assert.Equal(0, cluster.Server.Requests.Total);
        Assert.True(await ExistsAsync(stale));
        Assert.Equal(inventory, report.Inventory);
    }

    [Fact]
    public async Task OneInvalidObjectFailsTheDryRunAndNothingIsAppliedOrDeleted()
    {
        var (kept, stale, inventory) = await SeedAsync("prune-invalid");
        var invalid = KubeObject.FromJson("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"broken","namespace":"prune-invalid"},"spec":{"replicas":"two"}}""");
        var changed = Fixtures.ConfigMap("prune-invalid", "kept", value: "new");
        cluster.Client.ClearWrites();

        var report = await cluster.Executor.SyncAsync(Request([kept[0], changed, invalid], inventory), CancellationToken.None);

        Assert.False(report.Result.Succeeded);
        var failure = Assert.Single(report.Result.Failures);
        Assert.Equal(invalid.Id, failure.Id);
        Assert.Contains("dry run failed", failure.Message);
        Assert.DoesNotContain(cluster.Client.Writes, w => w.Verb is "apply" or "delete" or "create" or "update");
        Assert.True(await ExistsAsync(stale));
        Assert.Equal("1", (await cluster.Client.GetAsync(ObjectReference.From(changed), CancellationToken.None)).GetString("data", "a"));
    }

    [Fact]
    public async Task AnUnsyncedCacheNeverPrunes()
    {
        var ns = "prune-unsynced";
        var secret = Fixtures.Secret(ns, "stale-secret");
        var kept = new List<KubeObject> { Fixtures.Namespace(ns), Fixtures.ConfigMap(ns, "kept") };
        var seeded = await cluster.Executor.SyncAsync(Request([.. kept, secret], []), CancellationToken.None);
        Assert.True(seeded.Result.Succeeded, seeded.Result.Message);

        // A fresh executor whose cache can never list Secrets: it must not take "absent" for "gone" or prune blind.
        await using var cache = cluster.NewCache();
        var executor = new SyncExecutor(cluster.Client, cache);
        cluster.Server.Faults.AddError(new ErrorFault(null, "secrets", 503));
        try
        {
            var report = await executor.SyncAsync(Request(kept, seeded.Inventory) with { Timeout = TimeSpan.FromSeconds(2) }, CancellationToken.None);

            Assert.False(report.Result.Succeeded);
            Assert.Contains("prune refused", report.Result.Message);
            Assert.DoesNotContain(report.Result.Objects, o => o.Action == SyncAction.Pruned);
            Assert.Contains(secret.Id, report.Inventory);
        }
        finally
        {
            cluster.Server.Faults.Clear();
        }

        Assert.True(await ExistsAsync(secret));
    }

    [Fact]
    public async Task UnmarkedAndPruneDisabledObjectsAreNeverDeleted()
    {
        var ns = "prune-marks";
        var disabled = Fixtures.ConfigMap(ns, "keep-me").WithAnnotation("kustomize.toolkit.fluxcd.io/prune", "disabled");
        var takenOver = Fixtures.ConfigMap(ns, "taken-over");
        var kept = new List<KubeObject> { Fixtures.Namespace(ns) };
        var seeded = await cluster.Executor.SyncAsync(Request([.. kept, disabled, takenOver], []), CancellationToken.None);
        Assert.True(seeded.Result.Succeeded, seeded.Result.Message);

        // Someone else took the object over: our mark is gone, so it is no longer ours to delete.
        await cluster.Client.PatchAsync(ObjectReference.From(takenOver), """{"metadata":{"labels":{"kustomize.toolkit.fluxcd.io/name":null}}}""",
            PatchType.Merge, new WriteOptions("someone-else"), CancellationToken.None);
        await Eventually.TrueAsync(() => cluster.Cache.Get(takenOver.Id)?.GetLabel(FluxOwnerMark.NameLabel) is null, "the cache sees the mark removed");

        var report = await cluster.Executor.SyncAsync(Request(kept, seeded.Inventory), CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        Assert.DoesNotContain(report.Result.Objects, o => o.Action == SyncAction.Pruned);
        Assert.Contains(report.Result.Objects, o => o.Id == disabled.Id && o.Action == SyncAction.Skipped && o.Message!.Contains("PruneDisabled"));
        Assert.Contains(report.Result.Objects, o => o.Id == takenOver.Id && o.Action == SyncAction.Skipped && o.Message!.Contains("NotOwned"));
        Assert.True(await ExistsAsync(disabled));
        Assert.True(await ExistsAsync(takenOver));
    }

    [Fact]
    public async Task ArgoPruneDeletesInReverseOrderWithPruneLastAtTheEnd()
    {
        const string ns = "prune-argo";
        var owner = new ArgoOwnerMark("prune-argo");
        var last = Fixtures.ConfigMap(ns, "a-last").WithAnnotation("argocd.argoproj.io/sync-options", "PruneLast=true");
        var early = Fixtures.ConfigMap(ns, "b-early").WithAnnotation("argocd.argoproj.io/sync-wave", "-1");
        var late = Fixtures.ConfigMap(ns, "c-late").WithAnnotation("argocd.argoproj.io/sync-wave", "2");
        var seeded = await cluster.Executor.SyncAsync(new SyncRequest([Fixtures.Namespace(ns), last, early, late], ClusterFixture.Manager, owner), CancellationToken.None);
        Assert.True(seeded.Result.Succeeded, seeded.Result.Message);
        await Eventually.TrueAsync(() => cluster.Cache.Get(late.Id) is not null, "the cache holds the seeded objects");
        cluster.Client.ClearWrites();

        var report = await cluster.Executor.SyncAsync(
            new SyncRequest([Fixtures.Namespace(ns)], ClusterFixture.Manager, owner) { Prune = true, PreviousInventory = seeded.Inventory },
            CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        Assert.Equal(["c-late", "b-early", "a-last"], cluster.Client.Writes.Where(w => w.Verb == "delete").Select(w => w.Id.Name));
        Assert.Equal(3, report.Result.Objects.Count(o => o.Action == SyncAction.Pruned));
    }
}
