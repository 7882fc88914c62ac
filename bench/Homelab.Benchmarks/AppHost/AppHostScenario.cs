using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.Cli;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Tools;
using Homelab.Testing.AppHost;

namespace Homelab.Benchmarks.AppHost;

/// <summary>
/// The first thing a user runs: the built AppHost as a process on a fresh clone of this repository, bringing
/// up the dev cluster and both reconcilers and converging the example homelab. Measures cold start to every
/// resource Running, to every Kustomization Ready and to every Application Synced/Healthy (read through the
/// CLI, as a user would), API requests on managed kinds over an idle window, the RSS of the AppHost and all
/// its children at steady state, commit → applied and manual scale → healed, and Ctrl+C to exit.
/// </summary>
public sealed class AppHostScenario : IScenario
{
    private const int Repeats = 3;

    /// <summary>root, projects, whoami-dev, whoami-prod, uptime-kuma and the four generated stacks.</summary>
    private const int ExampleApplications = 9;

    /// <summary>cluster, namespaces, storage, ingress, monitoring.</summary>
    private const int ExampleKustomizations = 5;

    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly ObjectReference Whoami = new("apps/v1", "Deployment", "whoami-dev", "whoami");
    private const string Overlay = "applications/stacks-kustomize/whoami/overlays/dev/kustomization.yaml";

    public string Name => "apphost";

    public string Description => "AppHost (Release) on a clone of this repo: cold start to Running / all Kustomizations Ready / all Applications Synced+Healthy, idle API requests on managed kinds (30 s), RSS of all processes, commit -> applied, scale -> healed (targets: 60 s, 0 requests, 5 s, 5 s)";

    public async Task RunAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Bound);
        var ct = bounded.Token;

        var root = Directory.CreateTempSubdirectory("homelab-bench-apphost-").FullName;
        var repository = Path.Combine(root, "repo");
        var children = new List<int>();
        try
        {
            await GitAsync(root, ct, "clone", "--quiet", await CheckoutRootAsync(ct), repository);
            var clock = Stopwatch.StartNew();
            using var host = AppHostProcess.Start(Path.Combine(root, ".homelab"), repository);
            try
            {
                var state = await host.WaitForStateAsync(AppHostProcess.AllRunning, ct);
                children.AddRange(AppHostProcess.Resources(state).Select(r => (int)r["processId"]!));
                report.Add("cold start: every resource Running", clock.Elapsed.TotalSeconds, "s");

                await UntilAsync(async () => await AllKustomizationsReadyAsync(root, ct), ct);
                report.Add("cold start: every Kustomization Ready", clock.Elapsed.TotalSeconds, "s");
                await UntilAsync(async () => await AllApplicationsSyncedAndHealthyAsync(root, ct), ct);
                report.Add("cold start: every Application Synced/Healthy", clock.Elapsed.TotalSeconds, "s");

                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                var metrics = new Uri((string)AppHostProcess.Resource(state, "dev-cluster")["endpoints"]!["metrics"]!);
                var before = await ManagedRequests.ScrapeAsync(http, metrics, ct);
                await Task.Delay(IdleWindow, ct);
                var (managed, bookkeeping) = (await ManagedRequests.ScrapeAsync(http, metrics, ct)).Since(before);
                report.Add($"idle {IdleWindow.TotalSeconds:F0} s: requests on managed kinds (get/list/writes)", managed, "requests");
                report.Add($"idle {IdleWindow.TotalSeconds:F0} s: other requests (leases, events, own CRs; no watches)", bookkeeping, "requests");

                ReportMemory(report, host.Id, state);

                using var connection = ClusterConnection.FromKubeconfig(host.Kubeconfig);
                using var requestMetrics = new RequestMetrics();
                var client = new ClusterClient(connection, requestMetrics);
                var applied = new List<TimeSpan>();
                var healed = new List<TimeSpan>();
                for (var i = 1; i <= Repeats; i++)
                {
                    applied.Add(await CommitToAppliedAsync(repository, client, i, ct));
                    healed.Add(await ScaleToHealedAsync(client, ct));
                }

                report.Add($"commit -> applied (median of {Repeats})", Median(applied), "s");
                report.Add($"commit -> applied (max of {Repeats})", applied.Max().TotalSeconds, "s");
                report.Add($"scale -> healed (median of {Repeats})", Median(healed), "s");
                report.Add($"scale -> healed (max of {Repeats})", healed.Max().TotalSeconds, "s");
            }
            finally
            {
                var exit = await host.InterruptAsync(TimeSpan.FromSeconds(30));
                if (exit is { } took)
                {
                    report.Add("Ctrl+C -> AppHost exited", took.TotalSeconds, "s");
                }

                report.Add("children alive after the AppHost exited", children.Count(KillIfAlive), "processes");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Steady-state RSS of the AppHost and every descendant, in total and per process.</summary>
    private static void ReportMemory(ScenarioReport report, int appHost, JsonNode state)
    {
        var names = AppHostProcess.Resources(state).ToDictionary(r => (int)r["processId"]!, r => (string)r["name"]!);
        names[appHost] = "apphost";
        var tree = ProcessMemory.OfTree(appHost);
        report.Add($"steady state: RSS of all {tree.Count} processes", tree.Sum(p => p.RssMiB), "MiB");
        foreach (var process in tree)
        {
            report.Add($"steady state: RSS {names.GetValueOrDefault(process.ProcessId, process.Name)}", process.RssMiB, "MiB");
        }
    }

    private static async Task<TimeSpan> CommitToAppliedAsync(string repository, ClusterClient client, int round, CancellationToken cancellationToken)
    {
        var value = round.ToString(CultureInfo.InvariantCulture);
        var overlay = Path.Combine(repository, Overlay);
        var text = await File.ReadAllTextAsync(overlay, cancellationToken);
        var annotations = round == 1 ? text + "commonAnnotations:\n  homelab.dev/bench: \"1\"\n" : text.Replace($"homelab.dev/bench: \"{round - 1}\"", $"homelab.dev/bench: \"{value}\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(overlay, annotations, cancellationToken);
        await GitAsync(repository, cancellationToken, "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "--quiet", "-am", $"bench: annotate whoami-dev ({value})");
        var clock = Stopwatch.StartNew();
        await UntilAsync(async () => (await client.TryGetAsync(Whoami, cancellationToken))?.GetAnnotation("homelab.dev/bench") == value, cancellationToken);
        return clock.Elapsed;
    }

    /// <summary>A manual scale, as <c>kubectl scale</c> or <c>kubectl edit</c> makes it; whoami-dev self-heals back to Git's 1 replica.</summary>
    private static async Task<TimeSpan> ScaleToHealedAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        await client.PatchAsync(Whoami, """{"spec":{"replicas":3}}""", PatchType.Merge, new WriteOptions(FieldManager: "kubectl-edit"), cancellationToken);
        var clock = Stopwatch.StartNew();
        await UntilAsync(async () => (await client.TryGetAsync(Whoami, cancellationToken))?.Get("spec", "replicas")?.GetValue<int>() == 1, cancellationToken);
        return clock.Elapsed;
    }

    private static async Task<bool> AllKustomizationsReadyAsync(string root, CancellationToken cancellationToken) =>
        await CliJsonAsync(root, cancellationToken, "get", "kustomizations", "-A", "-o", "json") is { } list
        && Items(list) is { Count: >= ExampleKustomizations } items
        && items.All(k => (string?)k["ready"] == "True");

    private static async Task<bool> AllApplicationsSyncedAndHealthyAsync(string root, CancellationToken cancellationToken) =>
        await CliJsonAsync(root, cancellationToken, "app", "list", "-o", "json") is { } list
        && Items(list) is { Count: >= ExampleApplications } items
        && items.All(a => (string?)a["syncStatus"] == "Synced" && (string?)a["healthStatus"] == "Healthy");

    private static List<JsonNode> Items(JsonNode list) => [.. (list["items"]?.AsArray() ?? []).Select(i => i!)];

    /// <summary>The CLI in-process, run from the clone's parent so it finds the AppHost through <c>.homelab/apphost.json</c>.</summary>
    private static async Task<JsonNode?> CliJsonAsync(string root, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await HomelabCli.RunAsync(args, output, error, new CliEnvironment(_ => null, root), TimeProvider.System, cancellationToken);
        return code == 0 ? JsonNode.Parse(output.ToString()) : null;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static double Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2).TotalSeconds;

    private static bool KillIfAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }

            process.Kill(entireProcessTree: true);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The checkout this benchmark was built from (its output sits under <c>bench/Homelab.Benchmarks/bin/</c>).</summary>
    private static async Task<string> CheckoutRootAsync(CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("git", ["-C", AppContext.BaseDirectory, "rev-parse", "--show-toplevel"], timeout: TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
        return result.Succeeded ? result.StandardOutput.Trim() : throw new InvalidOperationException($"not inside a git checkout: {result.StandardError}");
    }

    private static async Task GitAsync(string workingDirectory, CancellationToken cancellationToken, params string[] args)
    {
        var result = await ProcessRunner.RunAsync("git", ["-C", workingDirectory, .. args], timeout: TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)}: {result.StandardError}");
        }
    }
}
