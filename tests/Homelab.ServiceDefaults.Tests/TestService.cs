using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Homelab.ServiceDefaults.Tests;

/// <summary>A real web application with the service defaults, listening on a free loopback port.</summary>
internal sealed class TestService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestService(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public static async Task<TestService> StartAsync(Action<WebApplicationBuilder>? configure = null)
    {
        // Production on purpose: the endpoints must exist outside Development.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return new TestService(app, new Uri(app.Urls.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
