using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Homelab.DevCluster.Hosting;

internal static class ServiceProviderExtensions
{
    /// <summary>Signalled when the listener stops, so open watches end instead of holding shutdown.</summary>
    public static CancellationToken GetStopping(this IServiceProvider services) =>
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
}
