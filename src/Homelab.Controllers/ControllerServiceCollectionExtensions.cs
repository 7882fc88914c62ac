using Homelab.Controllers.Metrics;
using Homelab.Kubernetes.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Homelab.Controllers;

public static class ControllerServiceCollectionExtensions
{
    /// <summary>
    /// Registers a controller reconciling <paramref name="options"/>' kind with <typeparamref name="TReconciler"/> (a singleton).
    /// Configuration <c>Controllers:Workers</c> and <c>Controllers:Namespaces</c>, when set, override the options' values.
    /// The <see cref="ControllerManager"/> (registered by AddControlPlane) runs it.
    /// </summary>
    public static IServiceCollection AddController<TReconciler>(this IServiceCollection services, ControllerOptions options)
        where TReconciler : class, IReconciler
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton<TReconciler>();
        services.TryAddSingleton<ControllerRegistry>();
        services.AddSingleton(sp => new Controller(
            WithConfiguration(options, sp.GetService<IConfiguration>()),
            sp.GetRequiredService<TReconciler>(),
            sp.GetRequiredService<ClusterCache>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ControllerMetrics>(),
            sp.GetRequiredService<ILogger<Controller>>()));
        return services;
    }

    private static ControllerOptions WithConfiguration(ControllerOptions options, IConfiguration? configuration)
    {
        if (configuration is null)
        {
            return options;
        }

        var section = configuration.GetSection("Controllers");
        var workers = section.GetValue<int?>("Workers");
        // A list (Controllers__Namespaces__0=…) or one comma-separated value (Controllers__Namespaces=a,b).
        var list = section.GetSection("Namespaces");
        var namespaces = (list.Value?.Split(',') ?? list.Get<string[]>() ?? [])
            .Select(n => n.Trim()).Where(n => n.Length > 0).ToArray();
        return options with
        {
            Workers = workers ?? options.Workers,
            Namespaces = namespaces.Length > 0 ? namespaces : options.Namespaces,
        };
    }
}
