using Homelab.Cli;

namespace Homelab.Deployment.Tests.Fixtures;

/// <summary>One run of the real CLI entry point, in-process, with its own environment variables.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var home = Path.GetTempPath();
        var environment = new CliEnvironment(name => variables?.GetValueOrDefault(name) ?? (name == "HOME" ? home : null), home);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await HomelabCli.RunAsync(args, output, error, environment, TimeProvider.System, timeout.Token);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- output\n{Output}\n--- error\n{Error}";
}
