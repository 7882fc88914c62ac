using System.Text.Json.Nodes;
using Homelab.DevCluster.Tests.Infrastructure;

namespace Homelab.DevCluster.Tests;

/// <summary>The watch protocol over raw HTTP: resume, synthetic ADDED, WatchList, bookmarks, 410, selectors, timeouts.</summary>
public sealed class WatchProtocolTests(DevClusterFixture cluster) : IClassFixture<DevClusterFixture>
{
    private const string Cm = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task Watch_from_zero_replays_current_objects_then_streams_changes()
    {
        await CreateAsync("zero-a", "watch-zero");
        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{Cm}?watch=true&resourceVersion=0&labelSelector=suite%3Dwatch-zero");
        Assert.Equal(200, watch.StatusCode);
        var added = await watch.NextAsync();
        Assert.Equal("ADDED", Type(added));
        Assert.Equal("zero-a", Name(added));

        await CreateAsync("zero-b", "watch-zero");
        var next = await watch.NextAsync();
        Assert.Equal(("ADDED", "zero-b"), (Type(next), Name(next)));
    }

    [Fact]
    public async Task Watch_from_a_resource_version_sends_only_later_events()
    {
        var first = await CreateAsync("rv-a", "watch-rv");
        await CreateAsync("rv-b", "watch-rv");
        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{Cm}?watch=true&resourceVersion={first}&labelSelector=suite%3Dwatch-rv");
        var e = await watch.NextAsync();
        Assert.Equal(("ADDED", "rv-b"), (Type(e), Name(e)));
    }

    [Fact]
    public async Task Send_initial_events_ends_with_the_initial_events_end_bookmark()
    {
        await CreateAsync("list-a", "watch-list");
        await CreateAsync("list-b", "watch-list");
        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{Cm}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&labelSelector=suite%3Dwatch-list");
        Assert.Equal("list-a", Name(await watch.NextAsync()));
        Assert.Equal("list-b", Name(await watch.NextAsync()));
        var bookmark = await watch.NextAsync();
        Assert.Equal("BOOKMARK", Type(bookmark));
        Assert.Equal("true", bookmark!["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
        Assert.Equal("ConfigMap", bookmark["object"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Periodic_bookmarks_carry_the_current_revision()
    {
        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{Cm}?watch=true&resourceVersion=1&allowWatchBookmarks=true&labelSelector=suite%3Dnothing");
        var bookmark = await watch.NextAsync();
        Assert.Equal("BOOKMARK", Type(bookmark));
        Assert.True(long.Parse(bookmark!["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task Too_old_resource_version_is_an_expired_error_event()
    {
        await using var server = await DevClusterServer.StartAsync(new DevClusterOptions { WatchHistorySize = 5 });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        for (var i = 0; i < 10; i++)
        {
            var body = $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"c{i}\"}}}}";
            using var created = await http.PostAsync(Cm, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.True(created.IsSuccessStatusCode);
        }

        await using var watch = await WatchReader.OpenAsync(http, $"{Cm}?watch=true&resourceVersion=2");
        Assert.Equal(200, watch.StatusCode);
        var error = await watch.NextAsync();
        Assert.Equal("ERROR", Type(error));
        Assert.Equal(410, error!["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
        Assert.StartsWith("too old resource version: 2 (", error["object"]!["message"]!.GetValue<string>());
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task Objects_leaving_a_label_selection_arrive_as_deleted()
    {
        await CreateAsync("leaving", "watch-leave");
        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{Cm}?watch=true&labelSelector=suite%3Dwatch-leave");
        Assert.Equal("ADDED", Type(await watch.NextAsync()));
        var (code, _) = await cluster.SendAsync(HttpMethod.Patch, $"{Cm}/leaving", "{\"metadata\":{\"labels\":{\"suite\":\"elsewhere\"}}}", "application/merge-patch+json");
        Assert.Equal(200, code);
        var e = await watch.NextAsync();
        Assert.Equal(("DELETED", "leaving"), (Type(e), Name(e)));
    }

    [Fact]
    public async Task Timeout_seconds_closes_the_stream()
    {
        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{Cm}?watch=true&resourceVersion=1&timeoutSeconds=1&labelSelector=suite%3Dnothing");
        Assert.Null(await watch.NextAsync(timeoutSeconds: 5));
    }

    [Fact]
    public async Task Closing_watches_by_fault_ends_open_streams()
    {
        await using var watch = await WatchReader.OpenAsync(cluster.Http, $"{Cm}?watch=true&resourceVersion=1&labelSelector=suite%3Dnothing");
        await DevClusterFixture.WaitUntilAsync(() => Task.FromResult(cluster.Server.Requests.Count("watch") > 0), "the watch to be served");
        cluster.Server.Faults.CloseWatches();
        Assert.Null(await watch.NextAsync());
    }

    private async Task<string> CreateAsync(string name, string suite)
    {
        var (code, body) = await cluster.SendAsync(HttpMethod.Post, Cm, $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"{name}\",\"labels\":{{\"suite\":\"{suite}\"}}}}}}");
        Assert.Equal(201, code);
        return body!["metadata"]!["resourceVersion"]!.GetValue<string>();
    }

    private static string? Type(JsonNode? e) => e?["type"]?.GetValue<string>();

    private static string? Name(JsonNode? e) => e?["object"]?["metadata"]?["name"]?.GetValue<string>();
}
