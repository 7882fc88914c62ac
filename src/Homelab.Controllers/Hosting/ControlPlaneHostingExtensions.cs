using System.Diagnostics.Metrics;
using Homelab.Controllers.Leadership;
using Homelab.Controllers.Metrics;
using Homelab.Controllers.Status;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.ServiceDefaults;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Resources;

namespace Homelab.Controllers.Hosting;

/// <summary>
/// Everything both control-plane services share. Configuration keys (environment form uses "__"):
/// <list type="bullet">
/// <item><c>Kubernetes:Kubeconfig</c> (else KUBECONFIG, else in-cluster, else ~/.kube/config), <c>Kubernetes:Context</c></item>
/// <item><c>Controllers:Namespaces</c> (empty: all), <c>Controllers:Workers</c>, <c>Controllers:LeaderElection:*</c> (<see cref="LeaderElectionOptions"/>)</item>
/// <item><c>Crds:Install</c> (default true): install the service's CRDs when absent</item>
/// <item><c>Endpoints:Http</c> / <c>Endpoints:Grpc</c>: HTTP/1.1 (health, metrics, webhooks) and HTTP/2 cleartext (gRPC) listeners</item>
/// <item><c>Api:Token</c> or <c>Api:TokenFile</c>: the bearer token of mutating calls; <c>Api:OpenReads</c> (default: reads open on loopback only)</item>
/// </list>
/// </summary>
public static class ControlPlaneHostingExtensions
{
    public const string HttpEndpoint = "http";
    public const string GrpcEndpoint = "grpc";

    /// <summary>
    /// The web application builder of a service: named after its assembly, with the content root beside
    /// it (so its appsettings.json is found also when a test host builds the service in-process), and the
    /// caller's configuration added last so it wins.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, System.Reflection.Assembly serviceAssembly, Action<IConfigurationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(serviceAssembly);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = serviceAssembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder.Configuration);
        return builder;
    }

    public static WebApplicationBuilder AddControlPlane(this WebApplicationBuilder builder, ControlPlaneDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(definition);
        builder.AddServiceDefaults();
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
        {
            // Only when the environment does not name the service (the AppHost does): an explicit name would override it.
            builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(definition.ServiceName));
        }

        ConfigureEndpoints(builder, definition);
        var services = builder.Services;
        services.AddSingleton(definition);
        services.TryAddSingleton(TimeProvider.System);
        AddCluster(services, definition);

        services.TryAddSingleton<ControllerMetrics>(_ => new ControllerMetrics());
        services.TryAddSingleton<StatusWriter>();
        services.TryAddSingleton<EventRecorder>();
        services.TryAddSingleton<ControllerRegistry>();
        services.AddSingleton<CrdInstallation>();
        services.AddSingleton(sp => LeaderElection(sp.GetRequiredService<IConfiguration>(), definition));
        services.AddSingleton(sp => new ControllerManager(
            sp.GetServices<Controller>(),
            sp.GetRequiredService<CrdInstallation>(),
            sp.GetRequiredService<LeaderElectionOptions>(),
            () => new LeaderElector(
                sp.GetRequiredService<IClusterClient>(),
                sp.GetRequiredService<LeaderElectionOptions>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<LeaderElector>>(),
                sp.GetRequiredService<ControllerMetrics>()),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ControllerManager>>()));

        // Hosted services start in registration order: the installer first, then the manager that waits for it.
        services.AddHostedService<CrdInstallService>();
        services.AddHostedService(sp => sp.GetRequiredService<ControllerManager>());
        services.AddHealthChecks().AddCheck<ControlPlaneHealthCheck>("control-plane");

        AddApi(services, builder.Configuration);
        return builder;
    }

    /// <summary>Health, liveness and metrics endpoints plus the token authentication; the service then maps its gRPC services.</summary>
    public static WebApplication MapControlPlane(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        return app;
    }

    /// <summary>The bound address of <c>"http"</c> or <c>"grpc"</c>, once the application has started (tests bind port 0).</summary>
    public static Uri GetEndpoint(this WebApplication app, string name)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return app.Services.GetRequiredService<ControlPlaneEndpoints>().Get(name);
    }

    private static void ConfigureEndpoints(WebApplicationBuilder builder, ControlPlaneDefinition definition)
    {
        var endpoints = new ControlPlaneEndpoints();
        builder.Services.AddSingleton(endpoints);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var configuration = context.Configuration;
            Listen(kestrel, endpoints, HttpEndpoint, "Endpoints:Http", configuration["Endpoints:Http"] ?? $"http://127.0.0.1:{definition.DefaultHttpPort}", HttpProtocols.Http1);
            Listen(kestrel, endpoints, GrpcEndpoint, "Endpoints:Grpc", configuration["Endpoints:Grpc"] ?? $"http://127.0.0.1:{definition.DefaultGrpcPort}", HttpProtocols.Http2);
        });
    }

    private static void Listen(KestrelServerOptions kestrel, ControlPlaneEndpoints endpoints, string name, string key, string address, HttpProtocols protocols) =>
        kestrel.Listen(EndpointAddress.Parse(key, address), listen =>
        {
            listen.Protocols = protocols;
            endpoints.Add(name, listen);
        });

    private static void AddCluster(IServiceCollection services, ControlPlaneDefinition definition)
    {
        services.TryAddSingleton(sp => ClusterConnectionResolver.Resolve(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(sp => new RequestMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<IClusterClient>(sp => new ClusterClient(sp.GetRequiredService<ClusterConnection>(), sp.GetRequiredService<RequestMetrics>()));
        services.TryAddSingleton(sp => new ClusterCache(sp.GetRequiredService<IClusterClient>(), new CacheOptions
        {
            OwnManagers = new HashSet<string>(definition.FieldManagers, StringComparer.Ordinal),
            TimeProvider = sp.GetRequiredService<TimeProvider>(),
        }));
    }

    private static LeaderElectionOptions LeaderElection(IConfiguration configuration, ControlPlaneDefinition definition)
    {
        var options = new LeaderElectionOptions { LeaseName = definition.LeaseName };
        configuration.GetSection("Controllers:LeaderElection").Bind(options);
        if (options.Enabled)
        {
            options.Validate();
        }

        return options;
    }

    private static void AddApi(IServiceCollection services, IConfiguration configuration)
    {
        services.AddGrpc(grpc => grpc.EnableDetailedErrors = false);
        services.TryAddSingleton<ApiToken>();
        services.TryAddSingleton<ServiceToken>();
        services.AddAuthentication(ApiAuthorization.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiAuthorization.Scheme, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiAuthorization.Mutate, policy => policy.AddAuthenticationSchemes(ApiAuthorization.Scheme).RequireAuthenticatedUser())
            .AddPolicy(ApiAuthorization.Read, policy => policy.AddAuthenticationSchemes(ApiAuthorization.Scheme)
                .AddRequirements(new ReadAccessRequirement(configuration.GetValue<bool?>("Api:OpenReads"))));
    }
}
