using System.Collections.Concurrent;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Tests.Infrastructure;
using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Tests;

public sealed class WatchCacheTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Ours = "homelab-test";
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(10);
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly ClusterClient _client = cluster.Client;

    private ClusterCache NewCache(CacheOptions? options = null) =>
        new(_client, options ?? new CacheOptions { OwnManagers = new HashSet<string> { Ours }, InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(500) });

    private async Task<string> NamespaceAsync(string name)
    {
        await _client.ApplyAsync(Objects.Namespace(name), new ApplyOptions(Ours), Ct);
        return name;
    }

    private static ObjectId ConfigMapId(string ns, string name) => new("", "ConfigMap", ns, name);

    [Fact]
    public async Task Syncs_with_one_watch_and_then_sees_creates_updates_and_deletes()
    {
        var ns = await NamespaceAsync("cache-crud");
        for (var i = 0; i < 3; i++)
        {
            await _client.ApplyAsync(Objects.ConfigMap(ns, $"before-{i}"), new ApplyOptions(Ours), Ct);
        }

        cluster.Server.Requests.Reset();
        await using var cache = NewCache();
        var informer = await cache.WatchAsync("", "ConfigMap", Ct);
        await cache.WaitForSyncAsync(Ct).WaitAsync(SyncTimeout);
        Assert.True(cache.IsSynced);
        Assert.Equal(3, cache.List("", "ConfigMap", ns).Count);
        // The WatchList protocol: one watch request carried the initial state, no list call.
        Assert.Equal(0, cluster.Server.Requests.Count("list", "configmaps"));
        Assert.Equal(1, cluster.Server.Requests.Count("watch", "configmaps"));

        var events = new ConcurrentQueue<CacheEvent>();
        using var subscription = cache.Subscribe(events.Enqueue);

        await _client.ApplyAsync(Objects.ConfigMap(ns, "new"), new ApplyOptions(Ours), Ct);
        await Eventually.TrueAsync(() => cache.Get(ConfigMapId(ns, "new")) is not null, "the created object in the cache");

        await _client.ApplyAsync(Objects.ConfigMap(ns, "new", """{"a":"2"}"""), new ApplyOptions(Ours), Ct);
        await Eventually.TrueAsync(() => cache.Get(ConfigMapId(ns, "new"))?.GetString("data", "a") == "2", "the update in the cache");

        await _client.DeleteAsync(new ObjectReference("v1", "ConfigMap", ns, "new"), new DeleteOptions(), Ct);
        await Eventually.TrueAsync(() => cache.Get(ConfigMapId(ns, "new")) is null, "the delete in the cache");

        var mine = events.Where(e => e.Object.Namespace == ns && e.Object.Name == "new").Select(e => e.Type).ToList();
        Assert.Equal([CacheEventType.Added, CacheEventType.Updated, CacheEventType.Deleted], mine);
        Assert.Equal(3, cache.List("", "ConfigMap", ns).Count);
        Assert.Equal(1, informer.ListCount);
    }

    [Fact]
    public async Task Reads_from_a_synced_cache_make_zero_api_requests()
    {
        var ns = await NamespaceAsync("cache-zero");
        for (var i = 0; i < 20; i++)
        {
            await _client.ApplyAsync(Objects.ConfigMap(ns, $"cm-{i}", labels: $$"""{"n":"{{i % 2}}"}"""), new ApplyOptions(Ours), Ct);
        }

        await using var cache = NewCache();
        await cache.WatchAsync("", "ConfigMap", Ct);
        await cache.WatchAsync("", "Namespace", Ct);
        await cache.WaitForSyncAsync(Ct).WaitAsync(SyncTimeout);

        cluster.Server.Requests.Reset();
        for (var round = 0; round < 50; round++)
        {
            Assert.NotNull(cache.Get(ConfigMapId(ns, $"cm-{round % 20}")));
            Assert.NotNull(cache.Get(new ObjectId("", "Namespace", null, ns)));
            Assert.Equal(10, cache.List("", "ConfigMap", ns, "n=1").Count);
            Assert.Null(cache.Get(ConfigMapId(ns, "absent")));
            await cache.WatchAsync("", "ConfigMap", Ct); // already watched: no discovery, no request
        }

        Assert.Equal(0, cluster.Server.Requests.Total);
    }

    [Fact]
    public async Task Cached_copies_keep_only_our_managed_fields_and_drop_last_applied()
    {
        var ns = await NamespaceAsync("cache-trim");
        var obj = Objects.ConfigMap(ns, "trimmed");
        obj.SetAnnotation("keep", "me");
        obj.SetAnnotation("kubectl.kubernetes.io/last-applied-configuration", new string('x', 500));
        await _client.ApplyAsync(obj, new ApplyOptions(Ours), Ct);
        await _client.PatchAsync(ObjectReference.From(obj), """{"data":{"other":"v"}}""", PatchType.Merge, new WriteOptions("kubectl-edit"), Ct);
        var live = await _client.GetAsync(ObjectReference.From(obj), Ct);
        Assert.Equal(2, live.Get("metadata", "managedFields")!.AsArray().Count);

        await using var cache = NewCache();
        await cache.WatchAsync("", "ConfigMap", Ct);
        await cache.WaitForSyncAsync(Ct).WaitAsync(SyncTimeout);

        var cached = cache.Get(ConfigMapId(ns, "trimmed"))!;
        var entry = Assert.Single(cached.Get("metadata", "managedFields")!.AsArray());
        Assert.Equal(Ours, entry!["manager"]!.GetValue<string>());
        Assert.Equal("me", cached.GetAnnotation("keep"));
        Assert.Null(cached.GetAnnotation("kubectl.kubernetes.io/last-applied-configuration"));
        Assert.Equal("v", cached.GetString("data", "other"));

        // Live events are trimmed the same way.
        await _client.PatchAsync(ObjectReference.From(obj), """{"data":{"other":"w"}}""", PatchType.Merge, new WriteOptions("kubectl-edit"), Ct);
        await Eventually.TrueAsync(() => cache.Get(ConfigMapId(ns, "trimmed"))?.GetString("data", "other") == "w", "the patched value");
        Assert.Single(cache.Get(ConfigMapId(ns, "trimmed"))!.Get("metadata", "managedFields")!.AsArray());
    }

    [Fact]
    public async Task Stays_correct_across_dropped_watches_and_a_server_restart()
    {
        var ns = await NamespaceAsync("cache-faults");
        await using var cache = NewCache();
        var informer = await cache.WatchAsync("", "ConfigMap", Ct);
        await cache.WaitForSyncAsync(Ct).WaitAsync(SyncTimeout);

        cluster.Server.Faults.CloseWatches();
        await _client.ApplyAsync(Objects.ConfigMap(ns, "after-drop"), new ApplyOptions(Ours), Ct);
        await Eventually.TrueAsync(() => cache.Get(ConfigMapId(ns, "after-drop")) is not null, "an object created after the watch dropped");

        await cluster.Server.RestartAsync(Ct);
        await _client.ApplyAsync(Objects.ConfigMap(ns, "after-restart"), new ApplyOptions(Ours), Ct);
        await _client.DeleteAsync(new ObjectReference("v1", "ConfigMap", ns, "after-drop"), new DeleteOptions(), Ct);
        await Eventually.TrueAsync(
            () => cache.Get(ConfigMapId(ns, "after-restart")) is not null && cache.Get(ConfigMapId(ns, "after-drop")) is null,
            "the changes made after the restart");

        var live = await _client.ListAsync("v1", "ConfigMap", new ListOptions(ns), Ct);
        Assert.Equal(live.Items.Select(o => o.Name).Order(), cache.List("", "ConfigMap", ns).Select(o => o.Name).Order());
        // The history survived, so both were resumed from the last version: no relist was needed.
        Assert.Equal(1, informer.ListCount);
    }

    [Fact]
    public async Task A_label_selector_scopes_what_is_held()
    {
        var ns = await NamespaceAsync("cache-scoped");
        await _client.ApplyAsync(Objects.ConfigMap(ns, "tracked", labels: """{"homelab.dev/tracked":"yes"}"""), new ApplyOptions(Ours), Ct);
        await _client.ApplyAsync(Objects.ConfigMap(ns, "other"), new ApplyOptions(Ours), Ct);

        await using var cache = NewCache(new CacheOptions
        {
            LabelSelectors = new Dictionary<(string Group, string Kind), string> { [("", "ConfigMap")] = "homelab.dev/tracked=yes" },
        });
        await cache.WatchAsync("", "ConfigMap", Ct);
        await cache.WaitForSyncAsync(Ct).WaitAsync(SyncTimeout);
        Assert.Equal(["tracked"], cache.List("", "ConfigMap", ns).Select(o => o.Name));

        await _client.PatchAsync(new ObjectReference("v1", "ConfigMap", ns, "other"), """{"metadata":{"labels":{"homelab.dev/tracked":"yes"}}}""", PatchType.Merge, new WriteOptions("t"), Ct);
        await Eventually.TrueAsync(() => cache.Get(ConfigMapId(ns, "other")) is not null, "an object entering the selection");

        await _client.PatchAsync(new ObjectReference("v1", "ConfigMap", ns, "tracked"), """{"metadata":{"labels":{"homelab.dev/tracked":null}}}""", PatchType.Merge, new WriteOptions("t"), Ct);
        await Eventually.TrueAsync(() => cache.Get(ConfigMapId(ns, "tracked")) is null, "an object leaving the selection");
    }

    [Fact]
    public async Task Reads_of_an_unwatched_or_unsynced_type_are_refused()
    {
        await using var cache = NewCache();
        var error = Assert.Throws<InvalidOperationException>(() => cache.Get(new ObjectId("apps", "Deployment", "x", "y")));
        Assert.Contains("Deployment.apps is not watched", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<Discovery.UnknownKindException>(() => cache.WatchAsync("nope.example.com", "Nothing", Ct));
    }

    [Fact]
    public async Task Readers_get_copies_and_a_failing_subscriber_does_not_stop_the_cache()
    {
        var ns = await NamespaceAsync("cache-copies");
        await _client.ApplyAsync(Objects.ConfigMap(ns, "cm"), new ApplyOptions(Ours), Ct);
        await using var cache = NewCache();
        var informer = await cache.WatchAsync("", "ConfigMap", Ct);
        await cache.WaitForSyncAsync(Ct).WaitAsync(SyncTimeout);

        var copy = cache.Get(ConfigMapId(ns, "cm"))!;
        copy.Body["data"] = new System.Text.Json.Nodes.JsonObject { ["a"] = "edited locally" };
        Assert.Equal("1", cache.Get(ConfigMapId(ns, "cm"))!.GetString("data", "a"));

        var seen = new ConcurrentQueue<string>();
        using var faulty = cache.Subscribe(_ => throw new InvalidOperationException("consumer bug"));
        using var healthy = cache.Subscribe(e => seen.Enqueue(e.Object.Name));
        await _client.ApplyAsync(Objects.ConfigMap(ns, "next"), new ApplyOptions(Ours), Ct);
        await Eventually.TrueAsync(() => seen.Contains("next"), "the healthy subscriber's event");
        await Eventually.TrueAsync(() => informer.LastError?.ToString().Contains("consumer bug", StringComparison.Ordinal) == true, "the subscriber failure surfaced");

        await _client.ApplyAsync(Objects.ConfigMap(ns, "after"), new ApplyOptions(Ours), Ct);
        await Eventually.TrueAsync(() => cache.Get(ConfigMapId(ns, "after")) is not null, "the cache still following changes");
    }
}
