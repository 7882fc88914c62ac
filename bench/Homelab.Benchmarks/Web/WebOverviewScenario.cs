using System.Diagnostics;
using System.Text.Json.Nodes;
using Homelab.Benchmarks.Applications;
using Homelab.Benchmarks.Infrastructure;
using Homelab.Controllers.Hosting;

namespace Homelab.Benchmarks.Web;

/// <summary>
/// The web UI's overview with 200 Applications (the <c>applications-200</c> fleet: real application service
/// in-process, dev cluster, git daemon on loopback): server time of the page shell and of its data endpoint
/// (<c>/ui/api/overview</c>), median and p95 over repeated requests once every app is Synced; plus page weight.
/// </summary>
public sealed class WebOverviewScenario : IScenario
{
    private const int Applications = 200;
    private const int ObjectsPerApplication = 10;
    private const int Requests = 100;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);
    private static readonly string[] Assets = ["css/app.css", "js/app.js", "js/api.js", "js/dom.js", "js/dag.js", "js/overview.js", "js/application.js", "js/flux.js"];

    public string Name => "web-overview-200";

    public string Description => "web UI: overview page + /ui/api/overview server time with 200 Applications (median, p95), page weight";

    public async Task RunAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Bound);
        var ct = bounded.Token;

        await using var bed = await FleetBed.StartAsync("web", Applications, ObjectsPerApplication, ct);
        var app = await ApplicationFleet.BuildServiceAsync(bed, ct);
        try
        {
            await ApplicationFleet.StartServiceAsync(app, bed, ct);
            await ApplicationFleet.CreateApplicationsAsync(bed, Applications, ct);

            using var http = new HttpClient { BaseAddress = new Uri(app.GetEndpoint(ControlPlaneHostingExtensions.HttpEndpoint), "/ui/") };
            while (true)
            {
                var overview = JsonNode.Parse(await http.GetStringAsync("api/overview", ct))!;
                var items = overview["applications"]!["items"]!.AsArray();
                if (items.Count == Applications && items.All(a => (string?)a!["syncStatus"] == "Synced"))
                {
                    report.Add("overview data size (200 apps, uncompressed)", System.Text.Encoding.UTF8.GetByteCount(overview.ToJsonString()) / 1024.0, "KiB");
                    break;
                }

                await Task.Delay(250, ct);
            }

            // What the data endpoint spends in the application service's own List, for comparison.
            using (var channel = Grpc.Net.Client.GrpcChannel.ForAddress(app.GetEndpoint(ControlPlaneHostingExtensions.GrpcEndpoint)))
            {
                var grpc = new Homelab.Api.Applications.V1.ApplicationService.ApplicationServiceClient(channel);
                await MeasureAsync(report, "gRPC List (200 apps)", async () => await grpc.ListAsync(new Homelab.Api.Applications.V1.ListApplicationsRequest(), cancellationToken: ct), ct);
            }

            await MeasureAsync(report, http, "page shell GET /ui/", "", ct);
            await MeasureAsync(report, http, "data GET /ui/api/overview", "api/overview", ct);

            long weight = (await http.GetByteArrayAsync("", ct)).Length;
            foreach (var asset in Assets)
            {
                weight += (await http.GetByteArrayAsync("assets/" + asset, ct)).Length;
            }

            report.Add("page weight: shell + CSS + all JS modules (uncompressed)", weight / 1024.0, "KiB");
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await app.StopAsync(stop.Token);
            await app.DisposeAsync();
        }
    }

    private static Task MeasureAsync(ScenarioReport report, HttpClient http, string label, string path, CancellationToken ct) =>
        MeasureAsync(report, label, async () =>
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
            response.EnsureSuccessStatusCode();
        }, ct);

    private static async Task MeasureAsync(ScenarioReport report, string label, Func<Task> request, CancellationToken ct)
    {
        var times = new List<double>(Requests);
        for (var i = 0; i < Requests + 5; i++)
        {
            ct.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            await request();
            clock.Stop();
            if (i >= 5)
            {
                times.Add(clock.Elapsed.TotalMilliseconds); // the first requests warm up JIT and connections
            }
        }

        times.Sort();
        report.Add($"{label}: median", times[times.Count / 2], "ms");
        report.Add($"{label}: p95", times[(int)(times.Count * 0.95) - 1], "ms");
    }
}
