using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Homelab.Benchmarks.AppHost;

/// <summary>
/// The built AppHost (<c>Homelab.AppHost.dll</c>, copied next to the benchmark by its project reference) run
/// as a user runs it, on a repository, with its state file as the way to find its children and URLs.
/// </summary>
internal sealed class AppHostProcess : IDisposable
{
    private readonly Process _process;

    private AppHostProcess(Process process, string stateDirectory)
    {
        _process = process;
        StateDirectory = stateDirectory;
    }

    public int Id => _process.Id;

    /// <summary>The directory holding <c>apphost.json</c> and <c>kubeconfig</c>; the CLI finds it from its parent.</summary>
    public string StateDirectory { get; }

    public string Kubeconfig => Path.Combine(StateDirectory, "kubeconfig");

    public static AppHostProcess Start(string stateDirectory, string repository)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Homelab.AppHost.dll"), "--state-dir", stateDirectory, "--repo", repository })
        {
            start.ArgumentList.Add(argument);
        }

        // A real cluster from the environment would replace the dev cluster: the benchmark measures the dev cluster.
        start.Environment.Remove("KUBECONFIG");
        var process = Process.Start(start)!;
        // Drain both pipes so the AppHost never blocks on a full one.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppHostProcess(process, stateDirectory);
    }

    public JsonNode? ReadState()
    {
        var path = Path.Combine(StateDirectory, "apphost.json");
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
    }

    public async Task<JsonNode> WaitForStateAsync(Func<JsonNode, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"the AppHost exited with {_process.ExitCode} before it was ready"));
            }

            if (ReadState() is { } state && condition(state))
            {
                return state;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Ctrl+C (SIGINT) and wait; returns how long the AppHost took to exit, or kills it all after <paramref name="patience"/>.</summary>
    public async Task<TimeSpan?> InterruptAsync(TimeSpan patience)
    {
        if (_process.HasExited)
        {
            return TimeSpan.Zero;
        }

        var clock = Stopwatch.StartNew();
        using (var interrupt = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            return null;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
