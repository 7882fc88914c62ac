using System.Diagnostics;

namespace Homelab.Benchmarks.Git;

/// <summary>Runs the git CLI for the benchmark's fixture repository, isolated from user and system config.</summary>
internal static class GitProcess
{
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        psi.Environment["GIT_AUTHOR_NAME"] = psi.Environment["GIT_COMMITTER_NAME"] = "Bench";
        psi.Environment["GIT_AUTHOR_EMAIL"] = psi.Environment["GIT_COMMITTER_EMAIL"] = "bench@example.invalid";
        // fast-import frees many small blocks; without padding glibc's brk churn dominates its run time.
        psi.Environment["MALLOC_TOP_PAD_"] = "268435456";
        psi.Environment["MALLOC_TRIM_THRESHOLD_"] = "268435456";
        return psi;
    }

    public static async Task<string> RunAsync(string workingDirectory, string? stdin, CancellationToken cancellationToken, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {await stderr}");
        }

        return (await stdout).Trim();
    }
}
