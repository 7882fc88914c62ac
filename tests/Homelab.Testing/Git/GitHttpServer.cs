using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Homelab.Testing.Git;

/// <summary>
/// Smart HTTP through the real <c>git http-backend</c>, run as CGI behind Kestrel on loopback, serving
/// every bare repository under one root: anonymous, or behind basic auth (and optionally a bearer
/// token) when started with credentials. <see cref="KillPacks"/> kills the backend and drops the connection part-way
/// through a pack, which is what a server dying mid-fetch looks like to the client.
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _projectRoot;
    private readonly string? _username;
    private readonly string? _password;
    private readonly string? _bearerToken;
    private int _packRequests;

    private GitHttpServer(WebApplication app, string projectRoot, string? username, string? password, string? bearerToken)
    {
        _bearerToken = bearerToken;
        _app = app;
        _projectRoot = projectRoot;
        _username = username;
        _password = password;
    }

    public string BaseUrl { get; private set; } = "";

    private long _abortAfterBytes;
    private int _abortsLeft;

    /// <summary>The next <paramref name="times"/> pack responses are cut after <paramref name="afterBytes"/> bytes, their backend killed.</summary>
    public void KillPacks(long afterBytes, int times)
    {
        Volatile.Write(ref _abortAfterBytes, afterBytes);
        Volatile.Write(ref _abortsLeft, times);
    }

    public int PackRequests => Volatile.Read(ref _packRequests);

    public string UrlFor(string repositoryName) => $"{BaseUrl}/{repositoryName}";

    /// <summary>Serves the repositories under <paramref name="projectRoot"/> to anyone.</summary>
    public static Task<GitHttpServer> StartAsync(string projectRoot) => StartAsync(projectRoot, null, null);

    /// <summary>
    /// Serves the repositories under <paramref name="projectRoot"/> to <paramref name="username"/>:<paramref name="password"/>
    /// (basic auth) or <paramref name="bearerToken"/>; anonymous when <paramref name="username"/> is null.
    /// </summary>
    public static async Task<GitHttpServer> StartAsync(string projectRoot, string? username, string? password, string? bearerToken = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new GitHttpServer(app, projectRoot, username, password, bearerToken);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!Authorized(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
            return;
        }

        var isPack = context.Request.Method == "POST";
        if (isPack)
        {
            Interlocked.Increment(ref _packRequests);
        }

        var psi = new ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("http-backend");
        GitCli.Configure(psi.Environment);
        psi.Environment["GIT_PROJECT_ROOT"] = _projectRoot;
        psi.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        if (_username is not null)
        {
            psi.Environment["REMOTE_USER"] = _username;
        }

        psi.Environment["REMOTE_ADDR"] = "127.0.0.1";
        psi.Environment["PATH_INFO"] = context.Request.Path.Value;
        psi.Environment["QUERY_STRING"] = context.Request.QueryString.Value?.TrimStart('?') ?? "";
        psi.Environment["REQUEST_METHOD"] = context.Request.Method;
        psi.Environment["CONTENT_TYPE"] = context.Request.ContentType ?? "";
        psi.Environment["GIT_PROTOCOL"] = context.Request.Headers["Git-Protocol"].ToString();
        psi.Environment["HTTP_CONTENT_ENCODING"] = context.Request.Headers.ContentEncoding.ToString();
        if (context.Request.ContentLength is { } length)
        {
            psi.Environment["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var feed = Task.Run(async () =>
        {
            await context.Request.Body.CopyToAsync(process.StandardInput.BaseStream);
            process.StandardInput.Close();
        });

        var output = process.StandardOutput.BaseStream;
        foreach (var (name, value) in await ReadCgiHeadersAsync(output))
        {
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                context.Response.Headers.Append(name, value);
            }
        }

        var buffer = new byte[8192];
        long sent = 0;
        int read;
        while ((read = await output.ReadAsync(buffer)) > 0)
        {
            var limit = Volatile.Read(ref _abortAfterBytes);
            if (isPack && sent + read > limit && Volatile.Read(ref _abortsLeft) > 0)
            {
                Interlocked.Decrement(ref _abortsLeft);
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, (int)Math.Max(0, limit - sent)));
                await context.Response.Body.FlushAsync();
                process.Kill(entireProcessTree: true);
                context.Abort();
                return;
            }

            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read));
            sent += read;
        }

        await feed;
        await process.WaitForExitAsync();
        await stderr;
    }

    private bool Authorized(HttpRequest request)
    {
        if (_username is null)
        {
            return true;
        }

        var header = request.Headers.Authorization.ToString();
        if (_bearerToken is not null && header == $"Bearer {_bearerToken}")
        {
            return true;
        }

        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        return decoded == $"{_username}:{_password}";
    }

    private static async Task<List<(string Name, string Value)>> ReadCgiHeadersAsync(Stream output)
    {
        var headers = new List<(string, string)>();
        var line = new StringBuilder();
        var one = new byte[1];
        while (await output.ReadAsync(one) == 1)
        {
            if (one[0] == '\n')
            {
                var text = line.ToString().TrimEnd('\r');
                line.Clear();
                if (text.Length == 0)
                {
                    break;
                }

                var colon = text.IndexOf(':');
                headers.Add((text[..colon].Trim(), text[(colon + 1)..].Trim()));
            }
            else
            {
                line.Append((char)one[0]);
            }
        }

        return headers;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
