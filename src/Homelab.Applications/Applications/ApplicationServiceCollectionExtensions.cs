using Homelab.Applications.Applications;
using Homelab.Applications.Comparison;
using Homelab.Applications.Comparison.Sources;
using Homelab.Applications.Operations;
using Homelab.Applications.Projects;
using Homelab.Controllers;
using Homelab.Engine.Sync;
using Homelab.Git.Fetching;
using Homelab.Git.Snapshots;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Rendering;
using Homelab.Manifests.Tools;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Homelab.Applications;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// The Application controller (name <c>application</c>) and everything it uses: source fetching and
    /// rendering, AppProject checks, the comparer (also used by the API's Diff), the operation processor,
    /// <see cref="ApplicationRefresher"/> and the wake-ups. Configuration section <c>Applications</c>
    /// (<see cref="ApplicationControllerOptions"/>). The host registers Git fetching and snapshots
    /// (<c>AddGitSources</c>); defaults are used when it did not.
    /// </summary>
    public static IServiceCollection AddApplicationControllers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ApplicationControllerOptions>()
            .BindConfiguration(ApplicationControllerOptions.Section)
            .Validate(o => Validates(o.Validate), "invalid Applications options")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new GitSourceClient(sp.GetService<IOptions<GitSourceOptions>>()?.Value ?? new GitSourceOptions(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SnapshotStore(sp.GetService<IOptions<SnapshotOptions>>()?.Value ?? new SnapshotOptions(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(_ => new ManifestRenderer(KubeToolLocator.FetchedDirectory is not null ? KubeToolLocator.Pinned : new KubeToolLocator()));
        services.TryAddSingleton(sp => new SyncExecutor(sp.GetRequiredService<IClusterClient>(), sp.GetRequiredService<ClusterCache>(), sp.GetRequiredService<TimeProvider>()));

        services.TryAddSingleton(sp => new RepositoryCredentials(
            sp.GetRequiredService<IClusterClient>(), Options(sp).Namespace, Options(sp).CredentialsRefreshInterval, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SourceFetcher>();
        services.TryAddSingleton<DesiredStateRenderer>();
        services.TryAddSingleton(sp => new ProjectResolver(sp.GetRequiredService<ClusterCache>(), Options(sp).Namespace));
        services.TryAddSingleton<ApplicationValidator>();
        services.TryAddSingleton(sp => new ApplicationComparer(
            sp.GetRequiredService<ApplicationValidator>(),
            sp.GetRequiredService<SourceFetcher>(),
            sp.GetRequiredService<DesiredStateRenderer>(),
            sp.GetRequiredService<IClusterClient>(),
            sp.GetRequiredService<ClusterCache>(),
            Options(sp).Namespace));
        services.TryAddSingleton<OperationRunner>();
        services.TryAddSingleton<OperationProcessor>();
        services.TryAddSingleton<ApplicationFinalizer>();
        services.TryAddSingleton<ApplicationStates>();
        services.TryAddSingleton<ApplicationRefresher>();
        services.AddHostedService<ApplicationWakeups>();
        services.AddController<ApplicationReconciler>(new ControllerOptions
        {
            Name = ApplicationRefresher.ControllerName,
            Group = ApplicationReconciler.Group,
            Kind = ApplicationReconciler.Kind,
            ShouldEnqueue = ApplicationEvents.ShouldEnqueue,
        });
        return services;
    }

    private static ApplicationControllerOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<ApplicationControllerOptions>>().Value;

    private static bool Validates(Action validate)
    {
        try
        {
            validate();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
