using System.Diagnostics;
using Homelab.Infrastructure;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;
using Microsoft.Extensions.Configuration;

namespace Homelab.Benchmarks.Infrastructure;

/// <summary>
/// The real infrastructure service (in-process, <see cref="ServiceHost.Build"/>) against the dev cluster and a
/// repository served by <c>git daemon</c> on loopback: 100 Kustomizations × 10 objects from one repository.
/// Measures cold start to all Ready, then a 10 s idle window (with each Kustomization's 10 s interval
/// falling in it once): process RSS, CPU time and the API requests made.
/// </summary>
public sealed class InfrastructureKustomizationsScenario : IScenario
{
    private const int Kustomizations = 100;
    private const int ObjectsPerKustomization = 10;
    private const string Interval = "10s";
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);
    private static readonly HashSet<string> WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];
    private static readonly HashSet<string> ReadVerbs = ["get", "list"];

    public string Name => "infrastructure-kustomizations";

    public string Description => "infrastructure service, 100 Kustomizations x 10 objects from one git repo: cold start to all Ready, idle RSS/CPU/API requests over 10 s";

    public async Task RunAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Bound);
        var ct = bounded.Token;

        await using var bed = await FleetBed.StartAsync("infra", Kustomizations, ObjectsPerKustomization, ct);
        var (client, cluster) = (bed.Client, bed.Cluster);
        var settings = bed.ServiceSettings();
        var app = ServiceHost.Build([], config => config.AddInMemoryCollection(settings));
        try
        {
            var clock = Stopwatch.StartNew();
            await app.StartAsync(ct);
            await bed.WaitForKindAsync("source.toolkit.fluxcd.io", "GitRepository", ct);
            await bed.WaitForKindAsync("kustomize.toolkit.fluxcd.io", "Kustomization", ct);
            foreach (var obj in YamlReader.ReadObjects(FleetRepository.FluxObjects(FleetServiceSettings.FleetUrl, Kustomizations, Interval), "fleet.yaml"))
            {
                await client.CreateAsync(obj, new WriteOptions(), ct);
            }

            await WaitForAllReadyAsync(client, ct);
            clock.Stop();
            report.Add("cold start to all Ready", clock.Elapsed.TotalSeconds, "s");
            await CheckAppliedAsync(client, ct);

            cluster.Requests.Reset();
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            await Task.Delay(IdleWindow, ct);
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var log = cluster.Requests.Log;

            report.Add("idle: process RSS (service + in-process dev cluster)", process.WorkingSet64 / (1024.0 * 1024.0), "MiB");
            report.Add("idle: CPU time over 10 s", cpu.TotalMilliseconds, "ms");
            report.Add("idle: CPU share of one core", 100 * cpu.TotalMilliseconds / IdleWindow.TotalMilliseconds, "%");
            report.Add("idle: API writes", log.Count(r => WriteVerbs.Contains(r.Key.Verb)), "requests");
            report.Add("idle: API writes other than Lease renewals", log.Count(r => WriteVerbs.Contains(r.Key.Verb) && r.Key.Resource != "leases"), "requests");
            report.Add("idle: API reads (get, list)", log.Count(r => ReadVerbs.Contains(r.Key.Verb)), "requests");
            report.Add("idle: API reads other than Lease gets", log.Count(r => ReadVerbs.Contains(r.Key.Verb) && r.Key.Resource != "leases"), "requests");
            report.Add("peak working set", ScenarioReport.PeakWorkingSetMiB(), "MiB");
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await app.StopAsync(stop.Token);
            await app.DisposeAsync();
        }
    }

    private static async Task WaitForAllReadyAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        while (true)
        {
            var list = await client.ListAsync("kustomize.toolkit.fluxcd.io/v1", "Kustomization", new ListOptions { Namespace = "flux-system" }, cancellationToken);
            if (list.Items.Count(IsReady) == Kustomizations)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static bool IsReady(KubeObject kustomization) =>
        kustomization.GetString("status", "lastAppliedRevision") is not null
        && (kustomization.Get("status", "conditions") as System.Text.Json.Nodes.JsonArray ?? [])
            .Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");

    /// <summary>All Ready must mean all applied: count what is in the cluster.</summary>
    private static async Task CheckAppliedAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        var applied = 0;
        foreach (var (apiVersion, kind) in new[] { ("v1", "ConfigMap"), ("v1", "Service"), ("apps/v1", "Deployment") })
        {
            var list = await client.ListAsync(apiVersion, kind, new ListOptions { Namespace = FleetRepository.AppsNamespace }, cancellationToken);
            applied += list.Items.Count(o => o.GetLabel("kustomize.toolkit.fluxcd.io/name") is not null);
        }

        if (applied != Kustomizations * ObjectsPerKustomization)
        {
            throw new InvalidOperationException($"all Kustomizations are Ready but {applied} objects were applied, expected {Kustomizations * ObjectsPerKustomization}");
        }
    }
}
