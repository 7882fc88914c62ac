using Homelab.Controllers.Hosting;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Web.Assets;
using Homelab.Web.Auth;
using Homelab.Web.Backends;
using Homelab.Web.Endpoints;
using Homelab.Web.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Homelab.Web.Hosting;

/// <summary>
/// Hosts the web UI in a control-plane service (the application service): <c>/ui/</c> serves the pages,
/// <c>/ui/api/...</c> their JSON and <c>/ui/api/stream</c> the live-update events, on the HTTP endpoint.
/// Data comes from the same gRPC operations the CLI uses; the host must be built with AddControlPlane.
/// </summary>
public static class WebUiHosting
{
    public const string BasePath = "/ui";

    public static IServiceCollection AddHomelabWeb(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(WebUiOptions.From(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebAuth>();
        services.AddSingleton<AssetStore>();
        services.AddSingleton<SelfGrpcAddress>();
        services.AddSingleton(sp => new ControlPlaneClients(
            sp.GetRequiredService<SelfGrpcAddress>().Resolve,
            sp.GetRequiredService<WebUiOptions>().InfrastructureAddress,
            sp.GetRequiredService<ServiceToken>()));
        services.AddSingleton(sp => new LiveObjects(sp.GetRequiredService<IClusterClient>()));
        services.AddSingleton(sp => new ChangeFeed(
            sp.GetRequiredService<ClusterCache>(),
            sp.GetRequiredService<ControlPlaneClients>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ChangeFeed>>()));
        return services;
    }

    public static WebApplication MapHomelabWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The application service calls itself over loopback; its gRPC port is known once Kestrel has bound it.
        app.Services.GetRequiredService<SelfGrpcAddress>().Use(() => app.GetEndpoint(ControlPlaneHostingExtensions.GrpcEndpoint));

        var ui = app.MapGroup(BasePath);
        AssetEndpoints.Map(app, ui);
        var api = ui.MapGroup("/api");
        SessionEndpoints.Map(api);
        OverviewEndpoints.Map(api);
        ApplicationEndpoints.Map(api);
        InfrastructureEndpoints.Map(api);
        return app;
    }
}
