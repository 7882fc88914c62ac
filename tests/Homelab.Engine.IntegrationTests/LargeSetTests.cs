using Homelab.Engine.IntegrationTests.Infrastructure;
using Homelab.Engine.Inventory;
using Homelab.Engine.Results;
using Homelab.Engine.Sync;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.IntegrationTests;

/// <summary>The cost guarantees on a 500-object set: a no-op sync makes no request; one change writes one object.</summary>
public sealed class LargeSetTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static List<KubeObject> Set(string ns, int size = 500)
    {
        var objects = new List<KubeObject> { Fixtures.Namespace(ns) };
        for (var i = 0; objects.Count <= size; i++)
        {
            objects.Add((i % 3) switch
            {
                0 => Fixtures.ConfigMap(ns, $"cm-{i}", value: $"v{i}"),
                1 => Fixtures.Deployment(ns, $"deploy-{i}"),
                _ => Fixtures.Service(ns, $"svc-{i}"),
            });
        }

        return objects;
    }

    private static SyncRequest Request(IReadOnlyList<KubeObject> objects) =>
        new(objects, ClusterFixture.Manager, new ArgoOwnerMark("large"));

    [Fact]
    public async Task SecondSyncOfFiveHundredObjectsIsUnchangedAndMakesNoRequest()
    {
        var objects = Set("large-noop");
        var first = await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None);
        Assert.True(first.Result.Succeeded, first.Result.Message);
        Assert.Equal(objects.Count, first.Result.Objects.Count(o => o.Action == SyncAction.Created));

        // Our own writes reach the cache through its watches; the next sync must see them, not guess.
        await Eventually.TrueAsync(() => objects.All(o => cluster.Cache.Get(o.Id) is not null), "the cache holds all 501 objects");

        cluster.Server.Requests.Reset();
        var second = await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None);

        Assert.True(second.Result.Succeeded, second.Result.Message);
        Assert.All(second.Result.Objects, o => Assert.Equal(SyncAction.Unchanged, o.Action));
        Assert.Equal(objects.Count, second.Result.Objects.Count);
        Assert.Equal(0, cluster.Server.Requests.Total);
    }

    [Fact]
    public async Task ChangingOneFieldOfOneObjectWritesExactlyThatObject()
    {
        var objects = Set("large-one");
        Assert.True((await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None)).Result.Succeeded);
        await Eventually.TrueAsync(() => objects.All(o => cluster.Cache.Get(o.Id) is not null), "the cache holds all objects");

        var changed = objects.FindIndex(o => o.Kind == "ConfigMap");
        objects[changed] = Fixtures.ConfigMap("large-one", objects[changed].Name, value: "changed");
        cluster.Server.Requests.Reset();
        cluster.Client.ClearWrites();

        var report = await cluster.Executor.SyncAsync(Request(objects), CancellationToken.None);

        Assert.True(report.Result.Succeeded, report.Result.Message);
        var configured = Assert.Single(report.Result.Changed);
        Assert.Equal(objects[changed].Id, configured.Id);
        Assert.Equal(SyncAction.Configured, configured.Action);
        Assert.Equal(1, cluster.Server.Requests.Count("patch", "configmaps") - DryRuns());
        Assert.True(DryRuns() <= 1);
        Assert.Equal(1 + DryRuns(), cluster.Server.Requests.Total);
        Assert.Equal([new RecordingClient.Write("apply", objects[changed].Id)], cluster.Client.Writes.Where(w => w.Verb == "apply"));
    }

    private long DryRuns() => cluster.Server.Requests.Snapshot().Where(kv => kv.Key.DryRun).Sum(kv => kv.Value);
}
