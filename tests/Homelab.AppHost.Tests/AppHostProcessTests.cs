using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.Manifests.Tools;

namespace Homelab.AppHost.Tests;

/// <summary>
/// The AppHost as a user runs it: a real process, its children, its state file, and Ctrl+C. A killed service
/// reported Exited is checked in <see cref="ExampleHomelabTests"/>, on its run (an AppHost start is expensive).
/// </summary>
public sealed class AppHostProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("apphost-state-");

    private string StateFile => Path.Combine(_state.FullName, "apphost.json");

    [Fact]
    public async Task Starts_the_dev_cluster_reports_exits_and_stops_cleanly_on_ctrl_c()
    {
        using var host = StartAppHost();
        try
        {
            var running = await WaitForStateAsync(s => State(s, "dev-cluster") == "Running");
            var childPid = (int)running["resources"]![0]!["processId"]!;
            var kubeconfig = (string)running["resources"]![0]!["details"]!["kubeconfig"]!;
            Assert.Equal(Path.Combine(_state.FullName, "kubeconfig"), kubeconfig);

            var kubectl = await ProcessRunner.RunAsync(
                KubeToolLocator.Pinned.Locate(KubeTool.Kubectl),
                ["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(_state.FullName, "kube-cache"), "get", "namespace", "default", "-o", "name"],
                timeout: Patience);
            Assert.True(kubectl.Succeeded, kubectl.StandardError);
            Assert.Equal("namespace/default", kubectl.StandardOutput.Trim());

            // Ctrl+C: the AppHost stops its children and exits 0.
            await SendAsync("INT", host.Id);
            using var exit = new CancellationTokenSource(Patience);
            await host.WaitForExitAsync(exit.Token);
            Assert.Equal(0, host.ExitCode);
            Assert.False(IsAlive(childPid), $"dev cluster process {childPid} outlived the AppHost");
            Assert.Equal("Exited", State(Read(), "dev-cluster"));
        }
        finally
        {
            Stop(host);
        }
    }

    [Fact]
    public async Task Unknown_arguments_exit_2_with_usage()
    {
        var result = await ProcessRunner.RunAsync("dotnet", [AppHostAssembly, "--frobnicate"], timeout: Patience);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage:", result.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _state.Delete(recursive: true);

    private static string AppHostAssembly => Path.Combine(AppContext.BaseDirectory, "Homelab.AppHost.dll");

    private Process StartAppHost()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppHostAssembly);
        start.ArgumentList.Add("--state-dir");
        start.ArgumentList.Add(_state.FullName);
        var process = Process.Start(start)!;
        // Drain the output so the AppHost never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<JsonNode> WaitForStateAsync(Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(StateFile) && Read() is { } state && condition(state))
            {
                return state;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"AppHost state did not reach the condition within {Patience}: {(File.Exists(StateFile) ? File.ReadAllText(StateFile) : "no state file")}");
    }

    private JsonNode Read() => JsonNode.Parse(File.ReadAllText(StateFile))!;

    private static string? State(JsonNode state, string resource) =>
        state["resources"]!.AsArray().Single(r => (string?)r!["name"] == resource)!["state"]?.GetValue<string>();

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

    private static async Task SendAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private static void Stop(Process host)
    {
        if (!host.HasExited)
        {
            host.Kill(entireProcessTree: true);
            host.WaitForExit();
        }
    }
}
