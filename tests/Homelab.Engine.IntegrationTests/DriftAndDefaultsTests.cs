using Homelab.Engine.IntegrationTests.Infrastructure;
using Homelab.Engine.Inventory;
using Homelab.Engine.Results;
using Homelab.Engine.Sync;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.IntegrationTests;

/// <summary>Drift is what our field manager owns and someone changed; server defaults and other managers' fields are not drift.</summary>
public sealed class DriftAndDefaultsTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static SyncRequest Request(params KubeObject[] objects) => new(objects, ClusterFixture.Manager, new ArgoOwnerMark("drift"));

    [Fact]
    public async Task AMergePatchToAFieldWeOwnIsDetectedAndReverted()
    {
        var objects = new[] { Fixtures.Namespace("drift-owned"), Fixtures.ConfigMap("drift-owned", "settings", value: "git") };
        Assert.True((await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None)).Result.Succeeded);

        var reference = new ObjectReference("v1", "ConfigMap", "drift-owned", "settings");
        await cluster.Client.PatchAsync(reference, """{"data":{"a":"hand-edited"}}""", PatchType.Merge, new WriteOptions("kubectl-patch"), CancellationToken.None);
        await Eventually.TrueAsync(() => cluster.Cache.Get(objects[1].Id)?.GetString("data", "a") == "hand-edited", "the cache sees the hand edit");

        var report = await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        var configured = Assert.Single(report.Result.Changed);
        Assert.Equal(SyncAction.Configured, configured.Action);
        Assert.Equal("/data/a changed", configured.Message);
        Assert.Equal("git", (await cluster.Client.GetAsync(reference, CancellationToken.None)).GetString("data", "a"));
    }

    [Fact]
    public async Task AKubectlClientSideApplyToAFieldWeOwnIsDetectedAndReverted()
    {
        var objects = new[] { Fixtures.Namespace("drift-csa"), Fixtures.ConfigMap("drift-csa", "settings", value: "git") };
        Assert.True((await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None)).Result.Succeeded);
        using (var kubectl = new Kubectl(cluster.Server.KubeconfigPath))
        {
            await kubectl.SucceedAsync(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: drift-csa\ndata:\n  a: by-kubectl\n",
                "apply", "-f", "-");
        }

        await Eventually.TrueAsync(() => cluster.Cache.Get(objects[1].Id)?.GetString("data", "a") == "by-kubectl", "the cache sees kubectl's change");

        var report = await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        Assert.Equal(objects[1].Id, Assert.Single(report.Result.Changed).Id);
        var live = await cluster.Client.GetAsync(ObjectReference.From(objects[1]), CancellationToken.None);
        Assert.Equal("git", live.GetString("data", "a"));
    }

    [Fact]
    public async Task AFieldAnotherManagerAddedIsLeftAloneAndNotReported()
    {
        var objects = new[] { Fixtures.Namespace("drift-foreign"), Fixtures.ConfigMap("drift-foreign", "settings") };
        Assert.True((await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None)).Result.Succeeded);

        var reference = new ObjectReference("v1", "ConfigMap", "drift-foreign", "settings");
        await cluster.Client.PatchAsync(reference, """{"data":{"added":"by-someone"}}""", PatchType.Merge, new WriteOptions("kubectl-patch"), CancellationToken.None);
        await Eventually.TrueAsync(() => cluster.Cache.Get(objects[1].Id)?.GetString("data", "added") is not null, "the cache sees the added field");
        cluster.Server.Requests.Reset();

        var report = await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        Assert.All(report.Result.Objects, o => Assert.Equal(SyncAction.Unchanged, o.Action));
        Assert.Equal(0, cluster.Server.Requests.Total);
        Assert.Equal("by-someone", (await cluster.Client.GetAsync(reference, CancellationToken.None)).GetString("data", "added"));
    }

    [Fact]
    public async Task MinimalWorkloadsAreUnchangedAfterTheServerDefaultedThem()
    {
        var ns = "defaults";
        var objects = new[]
        {
            Fixtures.Namespace(ns), Fixtures.Deployment(ns, "web"), Fixtures.Service(ns, "web"), Fixtures.StatefulSet(ns, "db"),
            Fixtures.Secret(ns, "credentials"),
        };
        var first = await cluster.Executor.SyncAsync(Request(objects) with { Wait = true, Timeout = TimeSpan.FromSeconds(20) }, CancellationToken.None);
        Assert.True(first.Result.Succeeded, first.Result.Message);
        cluster.Server.Requests.Reset();

        var second = await cluster.Executor.SyncAsync(Request(objects) with { Wait = true, Timeout = TimeSpan.FromSeconds(20) }, CancellationToken.None);

        Assert.True(second.Result.Succeeded, second.Result.Message);
        Assert.All(second.Result.Objects, o => Assert.Equal(SyncAction.Unchanged, o.Action));
        Assert.Equal(0, cluster.Server.Requests.Total);
    }

    [Fact]
    public async Task FieldsAnotherApplierOwnsAreTakenOverWithForceAndReportedWithout()
    {
        var objects = new[] { Fixtures.Namespace("takeover"), Fixtures.ConfigMap("takeover", "shared", value: "ours") };
        Assert.True((await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None)).Result.Succeeded);
        var theirs = Fixtures.ConfigMap("takeover", "shared", value: "theirs");
        await cluster.Client.ApplyAsync(theirs, new ApplyOptions("other-controller", Force: true), CancellationToken.None);
        await Eventually.TrueAsync(() => cluster.Cache.Get(theirs.Id)?.GetString("data", "a") == "theirs", "the cache sees the other applier's value");

        var refused = await cluster.Executor.SyncAsync(Request(objects) with { ForceConflicts = false }, CancellationToken.None);
        Assert.False(refused.Result.Succeeded);
        Assert.Contains("conflict", Assert.Single(refused.Result.Failures).Message, StringComparison.OrdinalIgnoreCase);

        var forced = await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None);
        Assert.True(forced.Result.Succeeded, forced.Result.Message);
        Assert.Equal("ours", (await cluster.Client.GetAsync(ObjectReference.From(theirs), CancellationToken.None)).GetString("data", "a"));
    }
}
