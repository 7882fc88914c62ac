using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Homelab.Benchmarks.Git;

/// <summary><c>git daemon</c> on a free loopback port serving the repositories under a folder; dispose to stop it.</summary>
internal sealed class GitDaemon : IAsyncDisposable
{
    private readonly Process _process;

    private GitDaemon(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string UrlFor(string repository) => $"git://127.0.0.1:{Port}/{repository}";

    public static async Task<GitDaemon> StartAsync(string basePath, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var process = Process.Start(GitProcess.StartInfo(basePath, "daemon", "--reuseaddr", "--export-all", $"--base-path={basePath}", "--listen=127.0.0.1", $"--port={port}", basePath))!;
        var daemon = new GitDaemon(process, port);
        try
        {
            await WaitForPortAsync(port, cancellationToken);
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }
}
