using System.Diagnostics;
using System.Globalization;
using Homelab.AppHost.Resources;

namespace Homelab.AppHost.Processes;

/// <summary>
/// A resource's process: started with its environment, every output line handed on with the
/// resource's name, stopped gently (SIGTERM, then kill after a grace period) with its whole tree.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private int? _exitCode;

    private ChildProcess(Process process)
    {
        _process = process;
        Id = process.Id;
    }

    public int Id { get; }

    public bool HasExited => _exitCode is not null || _process.HasExited;

    /// <summary>The exit code once the process has exited (kept after disposal).</summary>
    public int? ExitCode => _exitCode ?? (_process.HasExited ? _process.ExitCode : null);

    public static ChildProcess Start(ResourceSpec spec, Action<string, string> writeLine)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(spec.Assembly);
        foreach (var argument in spec.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in spec.Environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process);

        void Forward(string? line)
        {
            if (line is not null)
            {
                writeLine(spec.Name, line);
            }
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGTERM first so the service can shut down cleanly; the whole tree is killed if it does not.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync().ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_exitCode is not null)
        {
            return;
        }

        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _exitCode = _process.ExitCode;
        _process.Dispose();
    }
}
