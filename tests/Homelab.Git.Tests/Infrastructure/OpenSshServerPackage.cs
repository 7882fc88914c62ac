using System.Diagnostics;

namespace Homelab.Git.Tests.Infrastructure;

/// <summary>
/// Makes sure the OpenSSH server the SSH tests run is installed: the README's test command must set
/// up everything on a fresh machine, and sshd is a Debian package (openssh-server) that images lack.
/// Installed once per test run, only when missing, and only where apt-get can (as root).
/// </summary>
internal static class OpenSshServerPackage
{
    public const string Sshd = "/usr/sbin/sshd";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureInstalledAsync()
    {
        if (File.Exists(Sshd))
        {
            return;
        }

        await Gate.WaitAsync();
        try
        {
            if (File.Exists(Sshd))
            {
                return;
            }

            if (Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
            {
                throw new InvalidOperationException(
                    $"OpenSSH server not found at {Sshd} and it cannot be installed here (needs root and apt-get): apt-get install -y openssh-server");
            }

            await RunAsync("apt-get", "update", "-qq");
            await RunAsync("apt-get", "install", "-y", "-qq", "--no-install-recommends", "openssh-server");
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
