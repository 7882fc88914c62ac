using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.Cli;
using Homelab.Manifests.Tools;

namespace Homelab.AppHost.Tests;

/// <summary>
/// The main job end to end: the AppHost as a process on a clone of this repository brings the example
/// homelab to Ready/Synced/Healthy in its dev cluster, applies a new commit, heals a manual edit, and
/// stops every child on Ctrl+C. Everything is observed the way a user would: the CLI and kubectl.
/// </summary>
public sealed class ExampleHomelabTests : IDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ChangePatience = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("apphost-example-");

    private string Repository => Path.Combine(_root.FullName, "repo");

    private string StateDirectory => Path.Combine(_root.FullName, ".homelab");

    private string Kubeconfig => Path.Combine(StateDirectory, "kubeconfig");

    [Fact]
    public async Task The_example_homelab_converges_follows_commits_heals_drift_and_stops_cleanly()
    {
        await GitAsync(_root.FullName, "clone", "--quiet", Resources.ServiceAssemblies.RepositoryRoot, Repository);
        using var host = StartAppHost();
        try
        {
            var running = await Eventually.ValueAsync(
                () => Task.FromResult(ReadState() is { } s && AllRunning(s) ? s : null), StartPatience, "every resource Running");

            var kustomizations = await Eventually.ValueAsync(
                async () => await CliAsync("get", "kustomizations", "-A") is { ExitCode: 0 } r && Rows(r.Output).Count > 0 && Rows(r.Output).All(row => row.Contains("\tTrue \t", StringComparison.Ordinal)) ? r.Output : null,
                StartPatience, "every Kustomization Ready");
            Assert.True(Rows(kustomizations).Count >= 5, kustomizations);

            var applications = await Eventually.ValueAsync(
                async () => await CliAsync("app", "list") is { ExitCode: 0 } r && Rows(r.Output) is { Count: >= 9 } rows && rows.All(row => row.Contains(" Synced ", StringComparison.Ordinal) && row.Contains(" Healthy ", StringComparison.Ordinal)) ? r.Output : null,
                StartPatience, "every Application Synced and Healthy");
            Assert.Contains("argocd/whoami-dev ", applications, StringComparison.Ordinal);

            // A commit in the checkout is applied without waiting for any polling interval.
            var overlay = Path.Combine(Repository, "applications/stacks-kustomize/whoami/overlays/dev/kustomization.yaml");
            await File.AppendAllTextAsync(overlay, "commonAnnotations:\n  homelab.dev/e2e: applied\n");
            await GitAsync(Repository, "-c", "user.name=e2e", "-c", "user.email=e2e@example.test", "commit", "--quiet", "-am", "e2e: annotate whoami-dev");
            await Eventually.ValueAsync(
                async () => await KubectlAsync("get", "deployment", "whoami", "-n", "whoami-dev", "-o", "jsonpath={.metadata.annotations.homelab\\.dev/e2e}") == "applied" ? "" : null,
                ChangePatience, "the committed annotation applied");

            // A manual edit of a self-healed application is reverted.
            await KubectlAsync("scale", "deployment", "whoami", "-n", "whoami-dev", "--replicas=3");
            await Eventually.ValueAsync(
                async () => await KubectlAsync("get", "deployment", "whoami", "-n", "whoami-dev", "-o", "jsonpath={.spec.replicas}") == "1" ? "" : null,
                ChangePatience, "the scaled Deployment healed back to 1 replica");

            // Ctrl+C: exit 0 and no child left.
            var children = running["resources"]!.AsArray().Select(r => (int)r!["processId"]!).ToList();
            using (var interrupt = Process.Start("kill", ["-INT", host.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            using var exit = new CancellationTokenSource(StartPatience);
            await host.WaitForExitAsync(exit.Token);
            Assert.Equal(0, host.ExitCode);
            Assert.All(children, pid => Assert.False(IsAlive(pid), $"child {pid} outlived the AppHost"));
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose() => _root.Delete(recursive: true);

    private static List<string> Rows(string table) =>
        [.. table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)];

    private static bool AllRunning(JsonNode state) =>
        state["resources"]!.AsArray().All(r => (string?)r!["state"] == "Running");

    private JsonNode? ReadState()
    {
        var path = Path.Combine(StateDirectory, "apphost.json");
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
    }

    private Process StartAppHost()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Homelab.AppHost.dll"), "--state-dir", StateDirectory, "--repo", Repository })
        {
            start.ArgumentList.Add(argument);
        }

        // A real cluster from the environment would replace the dev cluster: this test wants the dev cluster.
        start.Environment.Remove("KUBECONFIG");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The CLI in-process, run from the temporary folder so it finds the AppHost through <c>.homelab/apphost.json</c>.</summary>
    private async Task<(int ExitCode, string Output)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await HomelabCli.RunAsync(args, output, error, new CliEnvironment(_ => null, _root.FullName), TimeProvider.System, CancellationToken.None);
        return (code, output.ToString());
    }

    private async Task<string> KubectlAsync(params string[] args)
    {
        var result = await ProcessRunner.RunAsync(
            KubeToolLocator.Pinned.Locate(KubeTool.Kubectl),
            ["--kubeconfig", Kubeconfig, "--cache-dir", Path.Combine(_root.FullName, "kube-cache"), .. args],
            timeout: ChangePatience);
        return result.StandardOutput.Trim();
    }

    private static async Task GitAsync(string workingDirectory, params string[] args)
    {
        var result = await ProcessRunner.RunAsync("git", ["-C", workingDirectory, .. args], timeout: ChangePatience);
        Assert.True(result.Succeeded, $"git {string.Join(' ', args)}: {result.StandardError}");
    }

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
