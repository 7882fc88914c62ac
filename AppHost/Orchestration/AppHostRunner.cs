using Homelab.AppHost.Processes;
using Homelab.AppHost.Resources;

namespace Homelab.AppHost.Orchestration;

/// <summary>
/// Starts the resources in order (each once the ones before it are Running), keeps their state
/// current until stopped, and stops every child on the way out — whatever ends the run. A resource's
/// after-ready step (e.g. bootstrapping the objects its service reconciles) runs before the next one starts.
/// </summary>
internal sealed class AppHostRunner(
    IReadOnlyList<ResourceSpec> resources,
    StateBoard board,
    TextWriter log,
    IReadOnlyDictionary<string, Func<CancellationToken, Task>>? afterReady = null)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MonitorInterval = TimeSpan.FromSeconds(2);

    private readonly Lock _logGate = new();
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>0 after a clean stop (Ctrl+C), 1 when a resource failed to start.</summary>
    public async Task<int> RunAsync(CancellationToken stopping)
    {
        foreach (var spec in resources)
        {
            board.Register(spec);
        }

        var children = new List<(ResourceSpec Spec, ChildProcess Process)>();
        try
        {
            foreach (var spec in resources)
            {
                var child = ChildProcess.Start(spec, WriteLine);
                children.Add((spec, child));
                board.Set(spec.Name, ResourceState.Starting, child.Id);
                if (!await WaitUntilReadyAsync(spec, child, stopping).ConfigureAwait(false))
                {
                    return 1;
                }

                board.Set(spec.Name, ResourceState.Running);
                if (afterReady?.GetValueOrDefault(spec.Name) is { } step && !await RunStepAsync(spec, step, stopping).ConfigureAwait(false))
                {
                    return 1;
                }
            }

            await MonitorAsync(children, stopping).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            // Reverse order: dependents stop before what they depend on.
            for (var i = children.Count - 1; i >= 0; i--)
            {
                var (spec, child) = children[i];
                await child.DisposeAsync().ConfigureAwait(false);
                board.Set(spec.Name, ResourceState.Exited, exitCode: child.ExitCode);
            }

            _probe.Dispose();
        }
    }

    private async Task<bool> WaitUntilReadyAsync(ResourceSpec spec, ChildProcess child, CancellationToken stopping)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(StartTimeout);
        try
        {
            while (true)
            {
                if (child.HasExited)
                {
                    WriteLine(spec.Name, $"exited with code {child.ExitCode} before it was ready");
                    board.Set(spec.Name, ResourceState.Exited, exitCode: child.ExitCode);
                    return false;
                }

                if (await IsReadyAsync(spec, deadline.Token).ConfigureAwait(false))
                {
                    return true;
                }

                await Task.Delay(ProbeInterval, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            WriteLine(spec.Name, $"not ready within {StartTimeout.TotalSeconds:0} s ({spec.ReadinessUrl})");
            board.Set(spec.Name, ResourceState.Unhealthy);
            return false;
        }
    }

    private async Task<bool> RunStepAsync(ResourceSpec spec, Func<CancellationToken, Task> step, CancellationToken stopping)
    {
        try
        {
            await step(stopping).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            WriteLine(spec.Name, $"error: {e.Message}");
            return false;
        }
    }

    private async Task MonitorAsync(List<(ResourceSpec Spec, ChildProcess Process)> children, CancellationToken stopping)
    {
        while (true)
        {
            var exits = children.Where(c => !c.Process.HasExited).Select(c => c.Process.WaitForExitAsync(stopping));
            await Task.WhenAny([Task.Delay(MonitorInterval, stopping), .. exits]).ConfigureAwait(false);
            stopping.ThrowIfCancellationRequested();
            foreach (var (spec, child) in children)
            {
                if (child.HasExited)
                {
                    board.Set(spec.Name, ResourceState.Exited, exitCode: child.ExitCode);
                }
                else
                {
                    var ready = await IsReadyAsync(spec, stopping).ConfigureAwait(false);
                    board.Set(spec.Name, ready ? ResourceState.Running : ResourceState.Unhealthy);
                }
            }
        }
    }

    private async Task<bool> IsReadyAsync(ResourceSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _probe.GetAsync(spec.ReadinessUrl, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // the probe's own timeout
        }
    }

    public void WriteLine(string resource, string line)
    {
        lock (_logGate)
        {
            log.WriteLine($"{resource,-14} | {line}");
        }
    }
}
