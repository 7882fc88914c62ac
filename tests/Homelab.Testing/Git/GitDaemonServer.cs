using System.Diagnostics;

namespace Homelab.Testing.Git;

/// <summary>The real <c>git daemon</c> serving a directory over git:// on loopback.</summary>
public sealed class GitDaemonServer : IDisposable
{
    private readonly Process _process;

    private GitDaemonServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string UrlFor(string repositoryName) => $"git://127.0.0.1:{Port}/{repositoryName}";

    public static async Task<GitDaemonServer> StartAsync(string basePath)
    {
        var port = FreePort.Pick();
        var psi = new ProcessStartInfo("git")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "daemon", "--reuseaddr", "--export-all", "--informative-errors", $"--base-path={basePath}", "--listen=127.0.0.1", $"--port={port}", basePath })
        {
            psi.ArgumentList.Add(arg);
        }

        GitCli.Configure(psi.Environment);
        var process = Process.Start(psi)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await FreePort.WaitUntilAcceptingAsync(port, TimeSpan.FromSeconds(15));
        return new GitDaemonServer(process, port);
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
