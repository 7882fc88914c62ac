using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Kubernetes.Tests.Infrastructure;
using Homelab.Manifests.Objects;
using Microsoft.Extensions.Time.Testing;

namespace Homelab.Kubernetes.Tests;

public sealed class DiscoveryCacheTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private const string CrdTemplate = """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"PLURAL.GROUP"},
         "spec":{"group":"GROUP","scope":"Namespaced","names":{"plural":"PLURAL","kind":"KIND"},
         "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """;

    private static KubeObject Crd(string group, string plural, string kind) =>
        KubeObject.FromJson(CrdTemplate.Replace("PLURAL", plural, StringComparison.Ordinal).Replace("GROUP", group, StringComparison.Ordinal).Replace("KIND", kind, StringComparison.Ordinal));

    [Fact]
    public async Task Built_in_kinds_resolve_from_aggregated_discovery()
    {
        var discovery = cluster.Client.Discovery;
        var configMap = await discovery.ResolveAsync("", "ConfigMap", null, Ct);
        Assert.Equal(("configmaps", "v1", true), (configMap.Plural, configMap.Version, configMap.Namespaced));
        Assert.Equal("api/v1/namespaces/x/configmaps/y", configMap.ObjectPath("x", "y"));

        var deployment = await discovery.ResolveAsync("apps", "Deployment", "v1", Ct);
        Assert.Equal("deployments", deployment.Plural);
        Assert.True(deployment.Supports("patch"));

        var ns = await discovery.ResolveAsync("", "Namespace", null, Ct);
        Assert.False(ns.Namespaced);
        Assert.Equal("api/v1/namespaces/z", ns.ObjectPath("ignored", "z"));
        Assert.True(discovery.UsedAggregatedDiscovery);
    }

    [Fact]
    public async Task An_unknown_kind_names_its_group_and_suggests_the_crd()
    {
        var error = await Assert.ThrowsAsync<UnknownKindException>(() => cluster.Client.Discovery.ResolveAsync("nothing.example.com", "Widget", null, Ct));
        Assert.Equal("no resource for kind Widget in group nothing.example.com: is its CRD installed?", error.Message);
    }

    [Fact]
    public async Task A_crd_created_during_the_test_is_found_by_refreshing_on_the_miss()
    {
        var client = cluster.Client;
        await client.Discovery.ResolveAsync("", "ConfigMap", null, Ct); // loaded before the CRD exists
        await client.ApplyAsync(Crd("disc.example.com", "gadgets", "Gadget"), new ApplyOptions("test"), Ct);

        var gadget = await client.Discovery.ResolveAsync("disc.example.com", "Gadget", "v1", Ct);
        Assert.Equal(("gadgets", true), (gadget.Plural, gadget.Namespaced));

        await client.ApplyAsync(Objects.Namespace("crd-ns"), new ApplyOptions("test"), Ct);
        var created = await client.ApplyAsync(
            KubeObject.FromJson("""{"apiVersion":"disc.example.com/v1","kind":"Gadget","metadata":{"name":"g","namespace":"crd-ns"},"spec":{"size":3}}"""),
            new ApplyOptions("test"),
            Ct);
        Assert.Equal(1, created.Get("metadata", "generation")!.GetValue<long>());

        // Strategic merge has no schema for custom resources: the server answers 415.
        var error = await Assert.ThrowsAsync<Errors.UnsupportedMediaTypeException>(() =>
            client.PatchAsync(ObjectReference.From(created), """{"spec":{"size":4}}""", PatchType.Strategic, new WriteOptions("test"), Ct));
        Assert.Equal(System.Net.HttpStatusCode.UnsupportedMediaType, error.StatusCode);
        var merged = await client.PatchAsync(ObjectReference.From(created), """{"spec":{"size":4}}""", PatchType.Merge, new WriteOptions("test"), Ct);
        Assert.Equal(4, merged.Get("spec", "size")!.GetValue<int>());
    }

    [Fact]
    public async Task Misses_refresh_at_most_once_per_interval()
    {
        var time = new FakeTimeProvider();
        using var metrics = new RequestMetrics();
        var client = new ClusterClient(cluster.Connection, metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.FromMinutes(1), TimeProvider = time });
        var discoveryRequests = 0;
        using var listener = RequestCounter.Listen(metrics, (verb, resource) => discoveryRequests += resource == "discovery" ? 1 : 0);

        await client.Discovery.ResolveAsync("", "ConfigMap", null, Ct);
        Assert.Equal(2, discoveryRequests); // /api and /apis, aggregated

        await client.ApplyAsync(Crd("late.example.com", "sprockets", "Sprocket"), new ApplyOptions("test"), Ct);
        await Assert.ThrowsAsync<UnknownKindException>(() => client.Discovery.ResolveAsync("absent.example.com", "Nope", null, Ct));
        Assert.Equal(2, discoveryRequests); // the load just happened: a miss does not refresh yet

        time.Advance(TimeSpan.FromMinutes(1));
        var sprocket = await client.Discovery.ResolveAsync("late.example.com", "Sprocket", null, Ct);
        Assert.Equal("sprockets", sprocket.Plural);
        Assert.Equal(4, discoveryRequests);
    }

    [Fact]
    public async Task A_crd_seen_by_the_watch_cache_invalidates_discovery_despite_the_rate_limit()
    {
        using var metrics = new RequestMetrics();
        var client = new ClusterClient(cluster.Connection, metrics, new DiscoveryOptions { MinRefreshInterval = TimeSpan.FromHours(1) });
        await using var cache = new Caching.ClusterCache(client, new Caching.CacheOptions());
        await cache.WatchAsync("apiextensions.k8s.io", "CustomResourceDefinition", Ct);
        await cache.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10));

        // Subscribers are told after discovery was invalidated, so this event is the moment to look.
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = cache.Subscribe(e =>
        {
            if (e.Object.Name == "doohickeys.watched.example.com")
            {
                seen.TrySetResult();
            }
        });
        await client.ApplyAsync(Crd("watched.example.com", "doohickeys", "Doohickey"), new ApplyOptions("test"), Ct);
        await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var doohickey = await client.Discovery.ResolveAsync("watched.example.com", "Doohickey", null, Ct);
        Assert.Equal("doohickeys", doohickey.Plural);
    }
}
