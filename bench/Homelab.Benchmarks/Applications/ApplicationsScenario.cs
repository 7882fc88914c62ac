using System.Diagnostics;
using System.Globalization;
using Homelab.Benchmarks.Infrastructure;
using Homelab.DevCluster;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;
using ApplicationsHost = Homelab.Applications.ServiceHost;

namespace Homelab.Benchmarks.Applications;

/// <summary>
/// The real application service (in-process, <see cref="ApplicationsHost.Build"/>) against the dev cluster and
/// a repository served by <c>git daemon</c> on loopback: 200 automated Applications × 10 objects. Measures
/// creation to all Synced/Healthy, RSS after, then one refresh cycle with nothing changed (the refresh
/// annotation on every app) and the API requests it made.
/// </summary>
public sealed class ApplicationsScenario : IScenario
{
    private const int Applications = 200;
    private const int ObjectsPerApplication = 10;
    private const string RefreshAnnotation = "argocd.argoproj.io/refresh";
    private const string RefreshPatch = """{"metadata":{"annotations":{"argocd.argoproj.io/refresh":"normal"}}}""";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);
    private static readonly HashSet<string> WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];
    private static readonly HashSet<string> ReadVerbs = ["get", "list"];
    private static readonly HashSet<string> ManagedResources = ["configmaps", "services", "deployments"];
    private static readonly HashSet<string> Ignored = ["leases", "events"];

    public string Name => "applications-200";

    public string Description => "application service, 200 automated Applications x 10 objects from one git repo: creation to all Synced/Healthy, RSS, API requests of one refresh cycle with nothing changed";

    public async Task RunAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Bound);
        var ct = bounded.Token;

        await using var bed = await FleetBed.StartAsync("apps", Applications, ObjectsPerApplication, ct);
        var (client, cluster) = (bed.Client, bed.Cluster);
        var app = await ApplicationFleet.BuildServiceAsync(bed, ct);
        try
        {
            await ApplicationFleet.StartServiceAsync(app, bed, ct);

            var clock = Stopwatch.StartNew();
            await ApplicationFleet.CreateApplicationsAsync(bed, Applications, ct);

            await WaitForAllAsync(client, IsSyncedAndHealthy, ct);
            clock.Stop();
            report.Add("creation to all Synced/Healthy", clock.Elapsed.TotalSeconds, "s");
            await CheckAppliedAsync(client, ct);

            using var process = Process.GetCurrentProcess();
            report.Add("after sync: process RSS (service + in-process dev cluster)", process.WorkingSet64 / (1024.0 * 1024.0), "MiB");

            var (refreshTime, ownLists) = await RefreshAllAsync(client, cluster, ct);
            var log = cluster.Requests.Log.Where(r => !Ignored.Contains(r.Key.Resource) && r.Key.Verb != "watch").ToList();
            var applicationWrites = log.Count(r => r.Key.Resource == "applications" && WriteVerbs.Contains(r.Key.Verb)) - Applications;
            report.Add("refresh cycle: duration", refreshTime.TotalSeconds, "s");
            report.Add("refresh cycle: writes to managed objects", log.Count(r => ManagedResources.Contains(r.Key.Resource) && WriteVerbs.Contains(r.Key.Verb)), "requests");
            report.Add("refresh cycle: reads of managed objects (get, list)", log.Count(r => ManagedResources.Contains(r.Key.Resource) && ReadVerbs.Contains(r.Key.Verb)), "requests");
            report.Add("refresh cycle: Application writes (annotation removal, status), own patches excluded", applicationWrites, "requests");
            report.Add("refresh cycle: other writes", log.Count(r => !ManagedResources.Contains(r.Key.Resource) && r.Key.Resource != "applications" && WriteVerbs.Contains(r.Key.Verb)), "requests");
            report.Add("refresh cycle: other reads (get, list), the benchmark's own polling lists excluded", log.Count(r => !ManagedResources.Contains(r.Key.Resource) && ReadVerbs.Contains(r.Key.Verb)) - ownLists, "requests");
            // Where the Application writes and other reads go, so a regression shows its kind of request
            // (these rows include the benchmark's own patches and polling lists).
            foreach (var group in log.Where(r => !ManagedResources.Contains(r.Key.Resource)).GroupBy(r => $"{r.Key.Verb} {r.Key.Resource}{(r.Key.Subresource.Length > 0 ? "/" + r.Key.Subresource : "")}").OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                report.Add("refresh cycle: " + group.Key, group.Count(), "requests");
            }
            report.Add("peak working set", ScenarioReport.PeakWorkingSetMiB(), "MiB");
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await app.StopAsync(stop.Token);
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// Resets the request log, sets the refresh annotation on every app and waits until each has been
    /// reconciled after the mark (reconciledAt moved past it, or the annotation is gone); returns how long that
    /// took and how many lists the benchmark made while waiting.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, int Lists)> RefreshAllAsync(ClusterClient client, DevClusterServer cluster, CancellationToken cancellationToken)
    {
        var before = (await ListApplicationsAsync(client, cancellationToken)).ToDictionary(a => a.Name, ReconciledAt);
        cluster.Requests.Reset();
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < Applications; k++)
        {
            var reference = new ObjectReference(ApplicationFleet.ApplicationApiVersion, "Application", ApplicationFleet.ControlPlaneNamespace, FleetRepository.Folder(k));
            await client.PatchAsync(reference, RefreshPatch, PatchType.Merge, new WriteOptions(), cancellationToken);
        }

        var lists = await WaitForAllAsync(client, a => a.GetAnnotation(RefreshAnnotation) is null || ReconciledAt(a) != before[a.Name], cancellationToken);
        clock.Stop();
        return (clock.Elapsed, lists);
    }

    private static string? ReconciledAt(KubeObject application) => application.GetString("status", "reconciledAt");

    private static async Task<IReadOnlyList<KubeObject>> ListApplicationsAsync(ClusterClient client, CancellationToken cancellationToken) =>
        (await client.ListAsync(ApplicationFleet.ApplicationApiVersion, "Application", new ListOptions { Namespace = ApplicationFleet.ControlPlaneNamespace }, cancellationToken)).Items;

    /// <summary>Polls until every app meets <paramref name="condition"/>; returns the number of lists made.</summary>
    private static async Task<int> WaitForAllAsync(ClusterClient client, Func<KubeObject, bool> condition, CancellationToken cancellationToken)
    {
        for (var lists = 1; ; lists++)
        {
            var applications = await ListApplicationsAsync(client, cancellationToken);
            if (applications.Count == Applications && applications.All(condition))
            {
                return lists;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static bool IsSyncedAndHealthy(KubeObject application) =>
        application.GetString("status", "sync", "status") == "Synced" && application.GetString("status", "health", "status") == "Healthy";

    /// <summary>All Synced must mean all applied: count the objects carrying an Argo CD tracking id.</summary>
    private static async Task CheckAppliedAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        var applied = 0;
        foreach (var (apiVersion, kind) in new[] { ("v1", "ConfigMap"), ("v1", "Service"), ("apps/v1", "Deployment") })
        {
            var list = await client.ListAsync(apiVersion, kind, new ListOptions { Namespace = FleetRepository.AppsNamespace }, cancellationToken);
            applied += list.Items.Count(o => o.GetAnnotation("argocd.argoproj.io/tracking-id") is not null);
        }

        if (applied != Applications * ObjectsPerApplication)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"all Applications are Synced/Healthy but {applied} objects were applied, expected {Applications * ObjectsPerApplication}"));
        }
    }
}
