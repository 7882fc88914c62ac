namespace Homelab.Applications.Api;

internal static class ApiRegistration
{
    public static IServiceCollection AddApplicationApi(this IServiceCollection services) => services;
}
