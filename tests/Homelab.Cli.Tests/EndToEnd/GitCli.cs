using System.Diagnostics;

namespace Homelab.Cli.Tests.EndToEnd;

/// <summary>The real git CLI with an isolated environment (no user or system configuration).</summary>
internal static class GitCli
{
    public static string Run(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        Configure(psi.Environment);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.Trim()
            : throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
    }

    public static void Configure(IDictionary<string, string?> environment)
    {
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        environment["GIT_AUTHOR_NAME"] = "Test";
        environment["GIT_AUTHOR_EMAIL"] = "test@example.invalid";
        environment["GIT_COMMITTER_NAME"] = "Test";
        environment["GIT_COMMITTER_EMAIL"] = "test@example.invalid";
        environment["GIT_TERMINAL_PROMPT"] = "0";
    }
}
