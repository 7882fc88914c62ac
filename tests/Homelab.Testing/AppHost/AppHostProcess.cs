using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homelab.Testing.AppHost;

/// <summary>
/// The built AppHost (<c>Homelab.AppHost.dll</c>, copied next to the caller by a project reference to
/// <c>AppHost/</c>) run as a user runs it, on a checkout, with its state file (<c>apphost.json</c>) as the way
/// to find its children and URLs. Disposing kills it and its children if it is still running.
/// </summary>
public sealed class AppHostProcess : IDisposable
{
    private readonly Process _process;

    private AppHostProcess(Process process, string stateDirectory)
    {
        _process = process;
        StateDirectory = stateDirectory;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The directory holding <c>apphost.json</c> and <c>kubeconfig</c>; the CLI finds it from its parent.</summary>
    public string StateDirectory { get; }

    public string Kubeconfig => Path.Combine(StateDirectory, "kubeconfig");

    /// <summary>
    /// Starts <c>dotnet Homelab.AppHost.dll --state-dir <paramref name="stateDirectory"/> --repo <paramref name="repository"/></c>;
    /// each line it prints goes to <paramref name="outputLine"/> (its state table), if given.
    /// </summary>
    public static AppHostProcess Start(string stateDirectory, string repository, Action<string>? outputLine = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Homelab.AppHost.dll"), "--state-dir", stateDirectory, "--repo", repository })
        {
            start.ArgumentList.Add(argument);
        }

        // A real cluster from the environment would replace the dev cluster: callers want the dev cluster.
        start.Environment.Remove("KUBECONFIG");
        var process = Process.Start(start)!;
        // Drain both pipes so the AppHost never blocks on a full one.
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                outputLine?.Invoke(text);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppHostProcess(process, stateDirectory);
    }

    /// <summary>The state file, or null before it is written (or while it is caught mid-write).</summary>
    public JsonNode? ReadState()
    {
        var path = Path.Combine(StateDirectory, "apphost.json");
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Polls the state file until it meets <paramref name="condition"/>; fails at once if the AppHost exits first.</summary>
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

    /// <summary>Ctrl+C (SIGINT) and wait; returns how long the AppHost took to exit, or kills it all and returns null after <paramref name="patience"/>.</summary>
    public async Task<TimeSpan?> InterruptAsync(TimeSpan patience)
    {
        if (_process.HasExited)
        {
            return TimeSpan.Zero;
        }

        var clock = Stopwatch.StartNew();
        await SignalAsync("INT", _process.Id);
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

    /// <summary>kubectl's arguments for this AppHost's dev cluster: its kubeconfig, and a discovery cache beside the state directory.</summary>
    public IEnumerable<string> KubectlArguments(params string[] args) =>
        ["--kubeconfig", Kubeconfig, "--cache-dir", Path.Combine(Path.GetDirectoryName(StateDirectory)!, "kube-cache"), .. args];

    /// <summary>Sends a signal (<c>INT</c>, <c>KILL</c>, …) to a process, as <c>kill -SIGNAL pid</c> does.</summary>
    public static async Task SignalAsync(string signal, int processId)
    {
        using var kill = Process.Start("kill", [$"-{signal}", processId.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>The state file's <c>resources</c>: one entry each for the dev cluster and the services, with state, pid and endpoints.</summary>
    public static IEnumerable<JsonNode> Resources(JsonNode state) => state["resources"]!.AsArray().Select(r => r!);

    public static JsonNode Resource(JsonNode state, string name) => Resources(state).Single(r => (string?)r["name"] == name);

    public static bool AllRunning(JsonNode state) => Resources(state).All(r => (string?)r["state"] == "Running");

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
