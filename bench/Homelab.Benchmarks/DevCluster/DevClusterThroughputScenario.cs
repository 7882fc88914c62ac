using System.Diagnostics;
using System.Text;
using Homelab.DevCluster;

namespace Homelab.Benchmarks.DevCluster;

/// <summary>
/// Dev cluster throughput over real HTTP on loopback: GETs, lists of 1,000 objects, server-side
/// applies, and one write stream fanned out to 10 watchers.
/// </summary>
public sealed class DevClusterThroughputScenario : IScenario
{
    private const string Namespace = "/api/v1/namespaces/bench";
    private const int Workers = 4;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    public string Name => "devcluster-throughput";

    public string Description => "dev cluster requests/s: get, list of 1,000 objects, server-side apply, watch fan-out to 10 watchers";

    public async Task RunAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        await using var server = await DevClusterServer.StartAsync(new DevClusterOptions(), cancellationToken);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        await SendAsync(http, HttpMethod.Post, "/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"bench"}}""", "application/json", cancellationToken);
        for (var i = 0; i < 1000; i++)
        {
            await SendAsync(http, HttpMethod.Post, $"{Namespace}/configmaps", $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-{{{i}}}","labels":{"n":"{{{i % 10}}}"}},"data":{"key":"value-{{{i}}}"}}""", "application/json", cancellationToken);
        }

        report.Add("get (4 concurrent clients)", await RateAsync(i => SendAsync(http, HttpMethod.Get, $"{Namespace}/configmaps/cm-{i % 1000}", null, null, cancellationToken), cancellationToken), "req/s");
        report.Add("list of 1,000 configmaps", await RateAsync(_ => SendAsync(http, HttpMethod.Get, $"{Namespace}/configmaps", null, null, cancellationToken), cancellationToken), "req/s");
        report.Add("server-side apply (changing data)", await RateAsync(
            i => SendAsync(http, HttpMethod.Patch, $"{Namespace}/configmaps/applied-{i % 50}?fieldManager=bench", $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied-{{{i % 50}}}"},"data":{"v":"{{{i}}}"}}""", "application/apply-patch+yaml", cancellationToken),
            cancellationToken), "req/s");
        var (events, writes) = await WatchFanOutAsync(server, http, cancellationToken);
        report.Add("watch fan-out: writes/s with 10 watchers", writes, "writes/s");
        report.Add("watch fan-out: events delivered/s (10 watchers)", events, "events/s");
        report.Add("peak working set", ScenarioReport.PeakWorkingSetMiB(), "MiB");
    }

    private static async Task<double> RateAsync(Func<int, Task> request, CancellationToken cancellationToken)
    {
        var counter = 0;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (stopwatch.Elapsed < Window)
            {
                await request(Interlocked.Increment(ref counter));
            }
        }, cancellationToken));
        await Task.WhenAll(workers);
        return counter / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<(double EventsPerSecond, double WritesPerSecond)> WatchFanOutAsync(DevClusterServer server, HttpClient http, CancellationToken cancellationToken)
    {
        const int Watchers = 10;
        const int Writes = 2000;
        var revision = await CurrentRevisionAsync(http, cancellationToken);
        var received = new int[Watchers];
        var readers = new List<Task>();
        var streams = new List<HttpResponseMessage>();
        for (var w = 0; w < Watchers; w++)
        {
            var response = await http.GetAsync($"{Namespace}/secrets?watch=true&resourceVersion={revision}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            streams.Add(response);
            var index = w;
            readers.Add(Task.Run(async () =>
            {
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                while (received[index] < Writes && await reader.ReadLineAsync(cancellationToken) is not null)
                {
                    received[index]++;
                }
            }, cancellationToken));
        }

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Writes; i++)
        {
            await SendAsync(http, HttpMethod.Post, $"{Namespace}/secrets", $$$"""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s-{{{i}}}"}}""", "application/json", cancellationToken);
        }

        var writeSeconds = stopwatch.Elapsed.TotalSeconds;
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        var total = stopwatch.Elapsed.TotalSeconds;
        foreach (var stream in streams)
        {
            stream.Dispose();
        }

        server.Faults.CloseWatches();
        return (received.Sum() / total, Writes / writeSeconds);
    }

    private static async Task<string> CurrentRevisionAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var list = await http.GetStringAsync($"{Namespace}/secrets?limit=1", cancellationToken);
        return System.Text.Json.Nodes.JsonNode.Parse(list)!["metadata"]!["resourceVersion"]!.GetValue<string>();
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, string? body, string? contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType!);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
    }
}
