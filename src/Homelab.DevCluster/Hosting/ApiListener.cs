using System.Net;
using Homelab.DevCluster.Handlers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Homelab.DevCluster.Hosting;

/// <summary>One Kestrel listener on loopback serving a <see cref="ClusterState"/>; a restart replaces the listener, not the state.</summary>
internal sealed class ApiListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiListener(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ApiListener> StartAsync(ClusterState state, int port, Func<CancellationToken, Task> restart, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Our own limit answers 413 (BodyReader); Kestrel's, further out, bounds how much of an
            // oversized body is drained first, so the client finishes sending and reads the 413
            // instead of a broken pipe.
            kestrel.Limits.MaxRequestBodySize = state.Options.MaxRequestBodyBytes * BodyReader.DrainFactor;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Use(next => async connection =>
            {
                // "Refuse connections" fault: drop the connection before a byte is read.
                if (state.Faults.RefusingConnections)
                {
                    connection.Abort();
                    return;
                }

                await next(connection);
            }));
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        Uri? address = null;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Homelab.DevCluster");
        var dispatcher = new ApiDispatcher(state, new DebugEndpoints(state, restart), () => address?.Authority ?? "", logger);
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        address = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return new ApiListener(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
