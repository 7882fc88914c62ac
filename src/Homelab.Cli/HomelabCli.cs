using System.CommandLine;
using Homelab.Cli.Commands;
using Homelab.Cli.Install;
using Homelab.Cli.Online;
using Homelab.Cli.Online.Argo;
using Homelab.Cli.Online.Flux;

namespace Homelab.Cli;

/// <summary>
/// The <c>homelab</c> command tree. Commands write to the given writers (never to Console directly)
/// so tests run them in-process and read exactly what a user would see.
/// </summary>
public static class HomelabCli
{
    /// <summary>Exit code for bad input or a failed operation; usage errors also use it (System.CommandLine's default).</summary>
    public const int Failure = 1;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, output, error, CliEnvironment.Process, TimeProvider.System, cancellationToken);

    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, CliEnvironment environment, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var online = new OnlineContext(output, error, environment);
        var root = new RootCommand("Homelab: a GitOps control plane for homelab Kubernetes clusters (Flux- and Argo CD-compatible).")
        {
            online.Server,
            online.AppServer,
            RenderCommand.Create(output),
            HealthCommand.Create(output),
            VersionCommand.Create(output),
            GetCommand.Create(online),
            ReconcileCommand.Create(online),
            SuspendResumeCommands.CreateSuspend(online),
            SuspendResumeCommands.CreateResume(online),
            TreeCommand.Create(online),
            AppCommand.Create(online, time),
            BootstrapCommand.Create(output, environment, time),
            UninstallCommand.Create(output, environment, time),
        };
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandFailedException e)
        {
            // One line, so scripts and users see exactly what to fix.
            await error.WriteLineAsync($"error: {OneLine(e.Message)}").ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return 130;
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
