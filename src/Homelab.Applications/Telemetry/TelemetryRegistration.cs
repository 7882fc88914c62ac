namespace Homelab.Applications.Telemetry;

internal static class TelemetryRegistration
{
    public static IServiceCollection AddApplicationTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<ApplicationTelemetry>();
        services.AddHostedService<ApplicationInfoCollector>();
        services.AddHostedService<GitRequestMetrics>();
        services.AddHostedService<KubernetesRequestMetrics>();
        return services;
    }
}
