using System.Diagnostics;
using System.Text.Json.Nodes;
using Homelab.Benchmarks.Git;
using Homelab.Benchmarks.Infrastructure;
using Homelab.Controllers.Hosting;
using Homelab.DevCluster;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Manifests.Objects;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ApplicationsHost = Homelab.Applications.ServiceHost;

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
        var root = Path.Combine(Path.GetTempPath(), "homelab-bench-web-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            await FleetRepository.CreateAsync(root, Applications, ObjectsPerApplication, ct);
            await using var daemon = await GitDaemon.StartAsync(root, ct);
            await using var cluster = await DevClusterServer.StartAsync(new DevClusterOptions(), ct);
            using var connection = ClusterConnection.FromKubeconfig(cluster.KubeconfigPath);
            var client = new ClusterClient(connection, new RequestMetrics(), new DiscoveryOptions { MinRefreshInterval = TimeSpan.Zero });
            foreach (var ns in new[] { "argocd", FleetRepository.AppsNamespace })
            {
                await client.CreateAsync(KubeObject.FromJson($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{ns}}}"}}"""), new WriteOptions(), ct);
            }

            var app = ApplicationsHost.Build([], config => config.AddInMemoryCollection(FleetServiceSettings.For(cluster.KubeconfigPath, root, daemon)));
            try
            {
                await app.StartAsync(ct);
                await app.Services.GetRequiredService<CrdInstallation>().Completed.WaitAsync(ct);
                await WaitForKindAsync(client, ct);
                for (var k = 0; k < Applications; k++)
                {
                    await client.CreateAsync(KubeObject.FromJson(ApplicationJson(FleetRepository.Folder(k), FleetServiceSettings.FleetUrl)), new WriteOptions(), ct);
                }

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
        finally
        {
            Directory.Delete(root, recursive: true);
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

    private static string ApplicationJson(string name, string url) => $$$"""
        {
          "apiVersion": "argoproj.io/v1alpha1",
          "kind": "Application",
          "metadata": {"name": "{{{name}}}", "namespace": "argocd"},
          "spec": {
            "project": "default",
            "source": {"repoURL": "{{{url}}}", "targetRevision": "main", "path": "apps/{{{name}}}"},
            "destination": {"server": "https://kubernetes.default.svc", "namespace": "{{{FleetRepository.AppsNamespace}}}"},
            "syncPolicy": {"automated": {"prune": true}}
          }
        }
        """;

    private static async Task WaitForKindAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await client.Discovery.ResolveAsync("argoproj.io", "Application", version: null, cancellationToken);
                return;
            }
            catch (UnknownKindException)
            {
                client.Discovery.Invalidate();
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
