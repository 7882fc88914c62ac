using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Homelab.Infrastructure.Tests.Helm;

/// <summary>
/// A Helm chart repository on loopback: serves the files of one folder (index.yaml, chart .tgz) over real HTTP,
/// optionally behind basic auth, and counts the requests per path.
/// </summary>
public sealed class ChartRepositoryServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly string? _authorization;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Dictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private ChartRepositoryServer(string root, int port, (string User, string Password)? credentials)
    {
        _root = root;
        Url = $"http://127.0.0.1:{port}/charts";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _authorization = credentials is { } c ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.User}:{c.Password}")) : null;
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The repository URL (what a HelmRepository's <c>spec.url</c> points at).</summary>
    public string Url { get; }

    public static ChartRepositoryServer Start(string root, (string User, string Password)? credentials = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new ChartRepositoryServer(root, FreePort(), credentials);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The port was taken between probing and listening: try another.
            }
        }
    }

    public int Requests(string path)
    {
        lock (_gate)
        {
            return _requests.GetValueOrDefault(path);
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            await RespondAsync(context);
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        var path = context.Request.Url!.AbsolutePath;
        lock (_gate)
        {
            _requests[path] = _requests.GetValueOrDefault(path) + 1;
        }

        if (_authorization is not null && context.Request.Headers["Authorization"] != _authorization)
        {
            response.StatusCode = 401;
            return;
        }

        const string prefix = "/charts/";
        var file = path.StartsWith(prefix, StringComparison.Ordinal) ? Path.Combine(_root, Path.GetFileName(path[prefix.Length..])) : null;
        if (file is null || !File.Exists(file))
        {
            response.StatusCode = 404;
            return;
        }

        var bytes = await File.ReadAllBytesAsync(file);
        response.StatusCode = 200;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
            // Closing the listener ends a pending GetContextAsync this way on some platforms.
        }

        _stop.Dispose();
    }
}
