using System.Diagnostics;
using Homelab.DevCluster;
using Homelab.Engine.Inventory;
using Homelab.Engine.Sync;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Tools;
using Homelab.Manifests.Yaml;

namespace Homelab.Benchmarks.Sync;

/// <summary>
/// The sync engine against the in-process dev cluster over HTTP: applying 1,000 new objects (dry run of
/// the whole set, then server-side apply) versus the pinned <c>kubectl apply --server-side -f dir</c> of
/// the same files, and a no-op sync of the same 1,000 objects (time and API requests; the target is 0).
/// </summary>
public sealed class SyncEngineScenario : IScenario
{
    private const int Objects = 1_000;
    private const int Rounds = 3;
    private const string Manager = "kustomize-controller";

    public string Name => "sync-engine";

    public string Description => "sync engine: 1,000 new objects vs kubectl apply --server-side (ratio); no-op sync of 1,000 objects (time, API requests; target 0)";

    public async Task RunAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        await using var server = await DevClusterServer.StartAsync(new DevClusterOptions { BookmarkInterval = TimeSpan.FromSeconds(1), MaxObjectsPerNamespace = 2 * Objects }, cancellationToken);
        using var connection = ClusterConnection.FromKubeconfig(server.KubeconfigPath);
        using var metrics = new RequestMetrics();
        var client = new ClusterClient(connection, metrics);
        await using var cache = new ClusterCache(client, new CacheOptions { OwnManagers = new HashSet<string> { Manager } });
        var executor = new SyncExecutor(client, cache);
        var owner = new FluxOwnerMark("bench", "flux-system");

        // Alternate the two tools over a few rounds (fresh namespaces each time) and compare medians: the
        // machine is shared, and one run of either is noisy.
        var engineTimes = new List<TimeSpan>();
        var kubectlTimes = new List<TimeSpan>();
        List<KubeObject> engineSet = [];
        for (var round = 0; round < Rounds; round++)
        {
            engineSet = Set($"engine-{round}");
            var stopwatch = Stopwatch.StartNew();
            var applied = await executor.SyncAsync(new SyncRequest(engineSet, Manager, owner) { Mode = PlanningMode.Staged }, cancellationToken);
            engineTimes.Add(stopwatch.Elapsed);
            Require(applied.Result.Succeeded && applied.Result.Changed.Count() == engineSet.Count, $"engine apply: {applied.Result.Message}");
            kubectlTimes.Add(await KubectlApplyAsync(server.KubeconfigPath, Set($"kubectl-{round}"), cancellationToken));
        }

        // The no-op sync reads only the cache: wait until it holds what we wrote.
        while (engineSet.Any(o => cache.Get(o.Id) is null))
        {
            await Task.Delay(50, cancellationToken);
        }

        server.Requests.Reset();
        var noopWatch = Stopwatch.StartNew();
        var noop = await executor.SyncAsync(new SyncRequest(engineSet, Manager, owner) { Mode = PlanningMode.Staged }, cancellationToken);
        var noopTime = noopWatch.Elapsed;
        Require(noop.Result.Succeeded && !noop.Result.Changed.Any(), $"no-op sync changed something: {noop.Result.Message}");

        var engine = Median(engineTimes);
        var kubectl = Median(kubectlTimes);
        report.Add("engine: apply 1,000 new objects, first run (cache warm-up + dry run + apply)", engineTimes[0].TotalMilliseconds, "ms");
        report.Add($"engine: apply 1,000 new objects (dry run + apply), median of {Rounds}", engine.TotalMilliseconds, "ms");
        report.Add($"kubectl apply --server-side -f dir, same 1,000 objects, median of {Rounds}", kubectl.TotalMilliseconds, "ms");
        report.Add("ratio kubectl / engine (medians)", kubectl / engine, "x");
        report.Add("engine: no-op sync of 1,000 objects", noopTime.TotalMilliseconds, "ms");
        report.Add("engine: no-op sync API requests", server.Requests.Total, "requests");
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    /// <summary>A Namespace and 999 objects: ConfigMaps, Deployments and Services in turn.</summary>
    private static List<KubeObject> Set(string ns)
    {
        var objects = new List<KubeObject> { KubeObject.FromJson("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}") };
        for (var i = 0; objects.Count < Objects; i++)
        {
            var name = $"obj-{i}";
            objects.Add(KubeObject.FromJson((i % 3) switch
            {
                0 => "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\"},\"data\":{\"settings\":\"" + new string('x', 200) + "\"}}",
                1 => "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\"},\"spec\":{\"replicas\":2,"
                    + "\"selector\":{\"matchLabels\":{\"app\":\"" + name + "\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"" + name + "\"}},"
                    + "\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"nginx:1.27\",\"ports\":[{\"containerPort\":80}]}]}}}}",
                _ => "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\"},"
                    + "\"spec\":{\"selector\":{\"app\":\"" + name + "\"},\"ports\":[{\"port\":80}]}}",
            }));
        }

        return objects;
    }

    private static async Task<TimeSpan> KubectlApplyAsync(string kubeconfig, List<KubeObject> objects, CancellationToken cancellationToken)
    {
        var home = Directory.CreateTempSubdirectory("sync-bench-kubectl-").FullName;
        try
        {
            var manifests = Directory.CreateDirectory(Path.Combine(home, "manifests")).FullName;
            await File.WriteAllTextAsync(Path.Combine(manifests, "000-namespace.yaml"), YamlWriter.Write([objects[0]]), cancellationToken);
            for (var i = 1; i < objects.Count; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(manifests, $"{i:D4}.yaml"), YamlWriter.Write([objects[i]]), cancellationToken);
            }

            var cacheDir = Path.Combine(home, "cache");
            var environment = new Dictionary<string, string?> { ["HOME"] = home, ["KUBECONFIG"] = kubeconfig, ["KUBECACHEDIR"] = cacheDir };
            string[] args = ["--kubeconfig", kubeconfig, "--cache-dir", cacheDir, "apply", "--server-side", "--field-manager", Manager, "-f", manifests];
            var stopwatch = Stopwatch.StartNew();
            var result = await ProcessRunner.RunAsync(KubeToolLocator.Pinned.Locate(KubeTool.Kubectl), args, home, environment, TimeSpan.FromMinutes(5), null, cancellationToken);
            stopwatch.Stop();
            Require(result.Succeeded, $"kubectl apply failed: {result.StandardError}");
            return stopwatch.Elapsed;
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
