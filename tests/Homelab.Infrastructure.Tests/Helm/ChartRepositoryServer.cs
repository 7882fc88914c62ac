using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Homelab.Infrastructure.Tests.Helm;

/// <summary>
/// A Helm chart repository on loopback: Kestrel serving the files of one folder (index.yaml, chart .tgz)
/// under <c>/charts/</c>. Kestrel binds port 0 itself, so there is no probe-then-listen race, and it
/// shuts down cleanly where HttpListener on Linux can fail its own Close with "address already in use".
/// </summary>
public sealed class ChartRepositoryServer : IAsyncDisposable
{
    private const string Prefix = "/charts/";
    private readonly WebApplication _app;
    private readonly string _root;

    private ChartRepositoryServer(WebApplication app, string root)
    {
        _app = app;
        _root = root;
    }

    /// <summary>The repository URL (what a HelmRepository's <c>spec.url</c> points at).</summary>
    public string Url { get; private set; } = "";

    /// <summary>Packages <paramref name="charts"/> (<see cref="TestCharts"/>) into <paramref name="root"/> and serves them.</summary>
    public static async Task<ChartRepositoryServer> PublishAndStartAsync(string root, IReadOnlyList<(string Name, string Version, string? BrokenTemplate)> charts)
    {
        await TestCharts.PublishAsync(root, charts);
        return await StartAsync(root);
    }

    public static async Task<ChartRepositoryServer> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ChartRepositoryServer(app, root);
        app.Run(server.RespondAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = address.TrimEnd('/') + Prefix.TrimEnd('/');
        return server;
    }

    private async Task RespondAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var file = path.StartsWith(Prefix, StringComparison.Ordinal) ? Path.Combine(_root, Path.GetFileName(path[Prefix.Length..])) : null;
        if (file is null || !File.Exists(file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await context.Response.SendFileAsync(file);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
