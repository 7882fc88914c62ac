namespace Homelab.Applications.Hosting;

internal static class HostingRegistration
{
    public static IServiceCollection AddDefaultProject(this IServiceCollection services)
    {
        services.AddHostedService<DefaultProject>();
        return services;
    }
}
