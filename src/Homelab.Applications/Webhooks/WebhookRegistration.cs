namespace Homelab.Applications.Webhooks;

internal static class WebhookRegistration
{
    public static IServiceCollection AddApplicationWebhooks(this IServiceCollection services)
    {
        services.AddHostedService<PushRefresher>();
        return services;
    }
}
