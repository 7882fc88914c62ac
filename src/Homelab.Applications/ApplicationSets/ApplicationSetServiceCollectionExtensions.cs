using Homelab.Applications.ApplicationSets.Generators;
using Homelab.Controllers;
using Homelab.Git.Fetching;
using Homelab.Git.Snapshots;
using Homelab.Git.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Homelab.Applications.ApplicationSets;

public static class ApplicationSetServiceCollectionExtensions
{
    /// <summary>The controller's name (metrics label, work queue) in the <see cref="ControllerRegistry"/>.</summary>
    public const string ControllerName = "applicationset";

    /// <summary>
    /// Registers the ApplicationSet controller (argoproj.io ApplicationSet), its generators and the
    /// <see cref="ApplicationSetRefresher"/>. Needs the control plane (cluster cache, client, status writer)
    /// and the Git sources (<c>AddGitSources</c>) registered by the service host.
    /// </summary>
    public static IServiceCollection AddApplicationSets(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new GitParameterGenerator(sp.GetRequiredService<GitSourceClient>(), sp.GetRequiredService<SnapshotStore>()));
        services.TryAddSingleton<ParameterSetGenerator>();
        services.TryAddSingleton(sp => new ApplicationSetRefresher(sp.GetRequiredService<ControllerRegistry>(), sp.GetService<GitPushNotifier>()));
        services.TryAddSingleton<ControllerRegistry>();
        services.AddController<ApplicationSetReconciler>(new ControllerOptions
        {
            Name = ControllerName,
            Group = ApplicationSetReconciler.Group,
            Kind = DesiredApplications.ApplicationSetKind,
        });
        return services;
    }
}
