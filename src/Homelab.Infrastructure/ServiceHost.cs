using Homelab.Api.Crds;
using Homelab.Controllers.Hosting;
using Homelab.Git;
using Homelab.Git.Webhooks;
using Homelab.Infrastructure.ApiService;
using Homelab.Infrastructure.Helm;
using Homelab.Infrastructure.Kustomizations;
using Homelab.Infrastructure.Sources;
using Homelab.Infrastructure.Telemetry;
using Homelab.Infrastructure.Webhooks;

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

    public static readonly ControlPlaneDefinition Definition = new(
        ServiceName,
        "homelab-infrastructure-leader",
        ["kustomize-controller", "helm-controller"],
        CustomResourceDefinitions.Flux,
        DefaultHttpPort: 9440,
        DefaultGrpcPort: 9441);

    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = ControlPlaneHostingExtensions.CreateBuilder(args, typeof(ServiceHost).Assembly, configure);

        builder.AddControlPlane(Definition);
        var services = builder.Services;
        services.AddGitSources(builder.Configuration);
        services.AddSingleton<InfrastructureTelemetry>();
        services.AddSingleton<FluxObjects>();
        services.AddSingleton<ReconcileRequests>();
        services.AddHostedService<ResourceInfoMetrics>();
        services.AddGitRepositories();

        // ── Reconcilers: one line each (Kustomization: services.AddKustomizations(); Helm: services.AddHelm();) ──
        services.AddKustomizations();
        services.AddHelm();

        var app = builder.Build();
        WebhookReceiverConfiguration.RegisterAll(app.Configuration, app.Services.GetRequiredService<GitWebhookRegistry>());
        app.MapControlPlane();
        app.MapGitWebhooks(WebhookPrefix);
        app.MapGrpcService<InfrastructureApi>();
        return app;
    }
}
