using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Homelab.Cli.Tests.EndToEnd;

/// <summary>
/// Git smart HTTP on loopback: the real <c>git http-backend</c> (CGI behind Kestrel) serving the bare
/// repositories under one root, as a GitRepository's <c>spec.url</c> needs (http, https or ssh).
/// </summary>
internal sealed class GitHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _root;

    private GitHttpServer(WebApplication app, string root)
    {
        _app = app;
        _root = root;
    }

    public string BaseUrl { get; private set; } = "";

    public static async Task<GitHttpServer> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new GitHttpServer(app, root);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public string UrlFor(string name) => $"{BaseUrl}/{name}.git";

    private async Task HandleAsync(HttpContext context)
    {
        var psi = new ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("http-backend");
        GitCli.Configure(psi.Environment);
        psi.Environment["GIT_PROJECT_ROOT"] = _root;
        psi.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
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

        await output.CopyToAsync(context.Response.Body);
        await feed;
        await process.WaitForExitAsync();
        await stderr;
    }

    private static async Task<List<(string Name, string Value)>> ReadCgiHeadersAsync(Stream output)
    {
        var headers = new List<(string, string)>();
        var line = new StringBuilder();
        var one = new byte[1];
        while (await output.ReadAsync(one) == 1)
        {
            if (one[0] != '\n')
            {
                line.Append((char)one[0]);
                continue;
            }

            var text = line.ToString().TrimEnd('\r');
            line.Clear();
            if (text.Length == 0)
            {
                break;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            headers.Add((text[..colon].Trim(), text[(colon + 1)..].Trim()));
        }

        return headers;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
