using Homelab.Git;
using Homelab.Git.Webhooks;
using Homelab.Infrastructure.Telemetry;
using Homelab.ServiceDefaults;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Homelab.Infrastructure;

/// <summary>
/// Builds the infrastructure reconciler: the shared control-plane host, the source controllers, the gRPC
/// API, the push webhook and telemetry. Tests build it with their own configuration (dev cluster
/// kubeconfig, loopback ports, a token) and run it in-process.
/// </summary>
public static class ServiceHost
{
    public const string ServiceName = "homelab-infrastructure";

    public const string WebhookPrefix = "/hooks";

    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ServiceHost).Assembly.GetName().Name,
            // appsettings.json sits beside the assembly, also when a test host builds the service.
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder.Configuration);

        builder.AddServiceDefaults();
        ConfigureEndpoints(builder);
        builder.Services.AddGrpc();
        builder.Services.AddGitSources(builder.Configuration);
        builder.Services.AddSingleton<InfrastructureTelemetry>();

        // ── Reconcilers: one line each (Kustomization: services.AddKustomizations(); Helm: services.AddHelm();) ──

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGitWebhooks(WebhookPrefix);
        return app;
    }

    /// <summary>Two listeners: HTTP/1.1 for probes, metrics and webhooks; HTTP/2 cleartext for gRPC.</summary>
    private static void ConfigureEndpoints(WebApplicationBuilder builder)
    {
        var http = new Uri(builder.Configuration["Endpoints:Http"] ?? "http://127.0.0.1:9440");
        var grpc = new Uri(builder.Configuration["Endpoints:Grpc"] ?? "http://127.0.0.1:9441");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Parse(http.Host), http.Port, o => o.Protocols = HttpProtocols.Http1);
            kestrel.Listen(System.Net.IPAddress.Parse(grpc.Host), grpc.Port, o => o.Protocols = HttpProtocols.Http2);
        });
    }
}
