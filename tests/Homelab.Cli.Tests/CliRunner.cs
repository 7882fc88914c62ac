namespace Homelab.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output, as a user would see it.</summary>
internal static class CliRunner
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(CliEnvironment.Process, args);

    public static async Task<CliResult> RunAsync(CliEnvironment environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exit = await HomelabCli.RunAsync(args, output, error, environment, TimeProvider.System, timeout.Token);
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
