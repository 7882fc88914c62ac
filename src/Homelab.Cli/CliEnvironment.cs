namespace Homelab.Cli;

/// <summary>
/// What the CLI reads from its surroundings: environment variables and the working directory.
/// Injected so tests run commands in-process against their own temporary checkout and variables.
/// </summary>
public sealed record CliEnvironment(Func<string, string?> Variable, string WorkingDirectory)
{
    /// <summary>The real process environment.</summary>
    public static CliEnvironment Process => new(Environment.GetEnvironmentVariable, Environment.CurrentDirectory);
}
