using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Homelab.AppHost.Tests.Measurements;
using Homelab.Cli;
using Homelab.Manifests.Tools;
using Homelab.Testing.AppHost;
using Homelab.Testing.Git;
using Xunit.Abstractions;

namespace Homelab.AppHost.Tests;

/// <summary>
/// The main job end to end: the AppHost as a process on a clone of this repository brings the example
/// homelab to Ready/Synced/Healthy in its dev cluster, costs no API request on managed objects while
/// nothing changes, serves every metric its dashboards read, applies a new commit, heals a manual edit,
/// reports a killed service Exited, and stops every child on Ctrl+C. Everything is observed the way a
/// user would: the CLI, kubectl and the URLs in <c>.homelab/apphost.json</c>. One AppHost start serves
/// all of it (a start costs ~20 s). Timings are written to the test output, not asserted (2 shared cores).
/// </summary>
public sealed class ExampleHomelabTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ChangePatience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(30);

    /// <summary>Which service serves the metrics each dashboard reads.</summary>
    private static readonly Dictionary<string, string> DashboardServices = new(StringComparer.Ordinal)
    {
        ["homelab-infrastructure.json"] = "infrastructure",
        ["homelab-applications.json"] = "applications",
    };

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ConcurrentQueue<string> _printed = new();

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("apphost-example-");

    private string Repository => Path.Combine(_root.FullName, "repo");

    private string StateDirectory => Path.Combine(_root.FullName, ".homelab");

    [Fact]
    public async Task The_example_homelab_converges_idles_follows_commits_heals_drift_reports_a_dead_service_and_stops_cleanly()
    {
        GitCli.Run(_root.FullName, "clone", "--quiet", Resources.ServiceAssemblies.RepositoryRoot, Repository);
        using var host = AppHostProcess.Start(StateDirectory, Repository, _printed.Enqueue);
        var running = await Eventually.ValueAsync(
            () => Task.FromResult(host.ReadState() is { } s && AppHostProcess.AllRunning(s) ? s : null), StartPatience, "every resource Running");

        var kustomizations = await Eventually.ValueAsync(
            async () => await CliAsync("get", "kustomizations", "-A") is { ExitCode: 0 } r && Rows(r.Output).Count > 0 && Rows(r.Output).All(row => row.Contains("\tTrue \t", StringComparison.Ordinal)) ? r.Output : null,
            StartPatience, "every Kustomization Ready");
        Assert.True(Rows(kustomizations).Count >= 5, kustomizations);

        var applications = await Eventually.ValueAsync(
            async () => await CliAsync("app", "list") is { ExitCode: 0 } r && Rows(r.Output) is { Count: >= 9 } rows && rows.All(row => row.Contains(" Synced ", StringComparison.Ordinal) && row.Contains(" Healthy ", StringComparison.Ordinal)) ? r.Output : null,
            StartPatience, "every Application Synced and Healthy");
        Assert.Contains("argocd/whoami-dev ", applications, StringComparison.Ordinal);

        await AssertIdleCostsNothingAsync(running);
        await AssertDashboardMetricsServedAsync(running);

        // A commit in the checkout is applied without waiting for any polling interval.
        var overlay = Path.Combine(Repository, "applications/stacks-kustomize/whoami/overlays/dev/kustomization.yaml");
        await File.AppendAllTextAsync(overlay, "commonAnnotations:\n  homelab.dev/e2e: applied\n");
        GitCli.Run(Repository, "-c", "user.name=e2e", "-c", "user.email=e2e@example.test", "commit", "--quiet", "-am", "e2e: annotate whoami-dev");
        var commitToApplied = Stopwatch.StartNew();
        await Eventually.ValueAsync(
            async () => await KubectlAsync(host, "get", "deployment", "whoami", "-n", "whoami-dev", "-o", "jsonpath={.metadata.annotations.homelab\\.dev/e2e}") == "applied" ? "" : null,
            ChangePatience, "the committed annotation applied");
        output.WriteLine($"commit -> applied: {commitToApplied.Elapsed.TotalSeconds:F2} s (polled with kubectl)");

        // A manual edit of a self-healed application is reverted.
        await KubectlAsync(host, "scale", "deployment", "whoami", "-n", "whoami-dev", "--replicas=3");
        var scaleToHealed = Stopwatch.StartNew();
        await Eventually.ValueAsync(
            async () => await KubectlAsync(host, "get", "deployment", "whoami", "-n", "whoami-dev", "-o", "jsonpath={.spec.replicas}") == "1" ? "" : null,
            ChangePatience, "the scaled Deployment healed back to 1 replica");
        output.WriteLine($"scale -> healed: {scaleToHealed.Elapsed.TotalSeconds:F2} s (polled with kubectl)");

        // A dead service is reported Exited, in the state file and the printed table, while the rest keeps running.
        await AppHostProcess.SignalAsync("KILL", ProcessId(running, Resources.ResourcePlan.Applications));
        var exited = await Eventually.ValueAsync(
            () => Task.FromResult(host.ReadState() is { } s && State(s, Resources.ResourcePlan.Applications) == "Exited" ? s : null), ChangePatience, "applications reported Exited");
        Assert.NotNull(AppHostProcess.Resource(exited, Resources.ResourcePlan.Applications)["exitCode"]);
        Assert.Equal("Running", State(exited, Resources.ResourcePlan.Infrastructure));
        Assert.False(host.HasExited, "the AppHost keeps running (and reporting) when one resource dies");
        // The table's lines reach this process through a pipe, so they may trail the file.
        await Eventually.TrueAsync(
            () => _printed.Any(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["applications", var state, ..] && state.StartsWith("Exited(", StringComparison.Ordinal)),
            "the state table showing applications Exited(<code>)",
            ChangePatience);

        // Ctrl+C: exit 0 and no child left.
        var children = AppHostProcess.Resources(running).Select(r => (int)r["processId"]!).ToList();
        Assert.NotNull(await host.InterruptAsync(StartPatience));
        Assert.Equal(0, host.ExitCode);
        Assert.All(children, pid => Assert.False(IsAlive(pid), $"child {pid} outlived the AppHost"));
    }

    public void Dispose()
    {
        _http.Dispose();
        _root.Delete(recursive: true);
    }

    /// <summary>
    /// Steady state costs nothing: over a window with no change, the dev cluster counts no get, list or
    /// write on the managed kinds. The window is a measurement, not a wait for something to happen.
    /// </summary>
    private async Task AssertIdleCostsNothingAsync(JsonNode state)
    {
        var metrics = Endpoint(state, Resources.ResourcePlan.DevCluster, "metrics");
        var before = await RequestCounters.ScrapeAsync(_http, metrics, CancellationToken.None);
        await Task.Delay(IdleWindow);
        var delta = (await RequestCounters.ScrapeAsync(_http, metrics, CancellationToken.None)).Since(before);

        output.WriteLine($"requests over {IdleWindow.TotalSeconds:F0} s idle:\n{delta.Table()}");
        Assert.True(delta.OnManagedKinds == 0, $"{delta.OnManagedKinds} requests on managed kinds over {IdleWindow.TotalSeconds:F0} s with no change:\n{delta.Table()}");
    }

    /// <summary>Every metric a dashboard reads is one its service serves (a renamed metric would leave a panel empty).</summary>
    private async Task AssertDashboardMetricsServedAsync(JsonNode state)
    {
        var dashboards = Path.Combine(Resources.ServiceAssemblies.RepositoryRoot, "infrastructure", "monitoring", "dashboards");
        var files = Directory.GetFiles(dashboards, "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            Assert.True(DashboardServices.TryGetValue(name, out var service), $"{name}: no service is known to serve this dashboard's metrics");
            var served = await PrometheusSamples.ScrapeNamesAsync(_http, Endpoint(state, service, "metrics"), CancellationToken.None);
            var used = DashboardMetricNames.Read(file);
            Assert.NotEmpty(used);
            var missing = used.Where(metric => !served.Contains(metric)).Order(StringComparer.Ordinal).ToList();
            Assert.True(missing.Count == 0, $"{name} reads metrics {service} does not serve: {string.Join(", ", missing)}");
        }
    }

    private static string? State(JsonNode state, string resource) => (string?)AppHostProcess.Resource(state, resource)["state"];

    private static int ProcessId(JsonNode state, string resource) => (int)AppHostProcess.Resource(state, resource)["processId"]!;

    private static Uri Endpoint(JsonNode state, string resource, string endpoint) =>
        new((string)AppHostProcess.Resource(state, resource)["endpoints"]![endpoint]!);

    private static List<string> Rows(string table) =>
        [.. table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)];

    /// <summary>The CLI in-process, run from the temporary folder so it finds the AppHost through <c>.homelab/apphost.json</c>.</summary>
    private async Task<(int ExitCode, string Output)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await HomelabCli.RunAsync(args, output, error, new CliEnvironment(_ => null, _root.FullName), TimeProvider.System, CancellationToken.None);
        return (code, output.ToString());
    }

    private static async Task<string> KubectlAsync(AppHostProcess host, params string[] args) =>
        (await ProcessRunner.RunAsync(KubeToolLocator.Pinned.Locate(KubeTool.Kubectl), host.KubectlArguments(args), timeout: ChangePatience)).StandardOutput.Trim();

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
