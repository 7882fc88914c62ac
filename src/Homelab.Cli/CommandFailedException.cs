namespace Homelab.Cli;

/// <summary>An expected failure (bad input, unreachable server) whose message is shown to the user as is.</summary>
public sealed class CommandFailedException : Exception
{
    public CommandFailedException()
    {
    }

    public CommandFailedException(string message)
        : base(message)
    {
    }

    public CommandFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The process exit code; 1 unless a command documents another (e.g. <c>app diff</c> uses 2 for errors).</summary>
    public int ExitCode { get; init; } = HomelabCli.Failure;
}
