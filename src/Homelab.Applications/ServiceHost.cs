using Homelab.Api.Crds;
using Homelab.Applications.Api;
using Homelab.Applications.ApplicationSets;
using Homelab.Applications.Gating;
using Homelab.Applications.Hosting;
using Homelab.Applications.Telemetry;
using Homelab.Applications.Webhooks;
using Homelab.Controllers.Hosting;
using Homelab.Git;
using Homelab.Git.Webhooks;
using Homelab.Web.Hosting;

namespace Homelab.Applications;

/// <summary>
/// Builds the application reconciler service on the shared control-plane host: endpoints (HTTP 9450 for
/// health, metrics and webhooks; gRPC 9451), the gRPC API, layer gating, telemetry, the default project
/// and the controllers. Tests build the same host with their own configuration (dev cluster kubeconfig,
/// <c>127.0.0.1:0</c> ports, token) and run it in-process.
/// </summary>
public static class ServiceHost
{
    public const string ServiceName = "homelab-applications";

    public const string WebhookPrefix = "/hooks";

    public static readonly ControlPlaneDefinition Definition = new(
        ServiceName,
        "homelab-applications-leader",
        ["argocd-controller"],
        CustomResourceDefinitions.Argo,
        DefaultHttpPort: 9450,
        DefaultGrpcPort: 9451);

    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = ControlPlaneHostingExtensions.CreateBuilder(args, typeof(ServiceHost).Assembly, configure);

        builder.AddControlPlane(Definition);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddGitSources(configuration);
        services.AddApplicationTelemetry();
        services.AddLayerGate(configuration);
        services.AddDefaultProject();
        services.AddApplicationWebhooks();
        services.AddHomelabWeb(configuration);

        // ---- Controllers: A1 adds `services.AddApplicationControllers();`, S adds `services.AddApplicationSets();` ----
        services.AddApplicationControllers();
        services.AddApplicationSets();
        // ---- end of controllers ----

        var app = builder.Build();
        WebhookReceiverConfiguration.RegisterAll(app.Configuration, app.Services.GetRequiredService<GitWebhookRegistry>());
        app.MapControlPlane();
        app.MapGitWebhooks(WebhookPrefix);
        app.MapGrpcService<ApplicationGrpcService>();
        app.MapHomelabWeb();
        return app;
    }
}
