using System.Diagnostics;

namespace Homelab.Testing.Git;

/// <summary>Runs the real git CLI with an isolated, deterministic environment (no user or system config).</summary>
public static class GitCli
{
    public static string Run(string workingDirectory, params string[] args) => RunWithInput(workingDirectory, null, args);

    public static string RunWithInput(string workingDirectory, string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        Configure(psi.Environment);
        using var process = Process.Start(psi)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var stderr = stderrTask.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
        }

        return stdout.Trim();
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
        // glibc returns memory to the kernel after each of fast-import's many small frees; on a
        // busy machine the resulting brk storm turns a half-second import into a minute.
        environment["MALLOC_TOP_PAD_"] = "268435456";
        environment["MALLOC_TRIM_THRESHOLD_"] = "268435456";
    }
}
