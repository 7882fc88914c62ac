using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Homelab.ServiceDefaults.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Prometheus;

namespace Homelab.ServiceDefaults;

/// <summary>
/// The wiring every Homelab service shares, in the manner of .NET Aspire's ServiceDefaults project: telemetry,
/// health checks, service discovery and resilient HTTP clients, plus the endpoints Kubernetes and Prometheus use.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddObjectConsoleLogging();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// Console lines that name the reconciled object (<see cref="ObjectConsoleFormatter"/>), unless
    /// <c>Logging:Console:FormatterName</c> picks another formatter (e.g. <c>json</c> for a log collector).
    /// </summary>
    public static IHostApplicationBuilder AddObjectConsoleLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration["Logging:Console:FormatterName"];
        builder.Logging.AddConsoleFormatter<ObjectConsoleFormatter, ConsoleFormatterOptions>();
        builder.Logging.AddConsole(options => options.FormatterName = string.IsNullOrEmpty(configured) ? ObjectConsoleFormatter.FormatterName : configured);
        return builder;
    }

    public static IHostApplicationBuilder ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        // No ConfigureResource/AddService here: the SDK's default resource reads OTEL_SERVICE_NAME and
        // OTEL_RESOURCE_ATTRIBUTES (which the AppHost injects), and any explicit service name would override them.
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(DefaultEndpoints.TelemetryPrefix))
            .WithTracing(tracing => tracing
                .AddSource(DefaultEndpoints.TelemetryPrefix)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsInfrastructureRequest(context.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[DefaultEndpoints.OtlpEndpointKey]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static IHostApplicationBuilder AddDefaultHealthChecks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("the process is responsive"), [DefaultEndpoints.LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (readiness), <c>/alive</c> (liveness) and Prometheus <c>/metrics</c> in every environment:
    /// unlike Aspire's template, which maps health only in Development, Kubernetes probes need them in production.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseHttpMetrics();
        app.MapHealthChecks(DefaultEndpoints.Health);
        app.MapHealthChecks(DefaultEndpoints.Alive, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(DefaultEndpoints.LiveTag),
        });
        app.MapMetrics(DefaultEndpoints.Metrics);
        return app;
    }

    /// <summary>Probe and scrape requests arrive every few seconds; tracing them would drown real work.</summary>
    private static bool IsInfrastructureRequest(PathString path) =>
        path.StartsWithSegments(DefaultEndpoints.Health) || path.StartsWithSegments(DefaultEndpoints.Alive)
        || path.StartsWithSegments(DefaultEndpoints.Metrics);
}
