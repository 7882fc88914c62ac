using Homelab.Applications.Api;
using Homelab.Applications.ApplicationSets;
using Homelab.Applications.Gating;
using Homelab.Applications.Telemetry;
using Homelab.ServiceDefaults;

namespace Homelab.Applications;

/// <summary>
/// Builds the application reconciler service: configuration, endpoints (HTTP 9450 for health, metrics
/// and webhooks; gRPC 9451), the gRPC API, layer gating, telemetry and the controllers. Tests build the
/// same host with their own configuration (dev cluster kubeconfig, <c>127.0.0.1:0</c> ports, token).
/// </summary>
public static class ServiceHost
{
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ServiceHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder.Configuration);

        builder.AddServiceDefaults();
        ServiceEndpoints.Configure(builder);
        builder.Services.AddGrpc();

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ApplicationTelemetry>();
        services.AddLayerGate(builder.Configuration);

        // ---- Controllers: A1 adds `services.AddApplicationControllers();`, S adds `services.AddApplicationSets();` ----
        services.AddApplicationSets();
        // ---- end of controllers ----

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGrpcService<ApplicationGrpcService>();
        return app;
    }
}
