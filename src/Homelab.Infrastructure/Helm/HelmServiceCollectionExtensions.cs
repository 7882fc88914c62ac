using Homelab.Controllers;
using Homelab.Engine.Sync;
using Homelab.Infrastructure.Finalizers;
using Homelab.Infrastructure.Helm.Charts;
using Homelab.Infrastructure.Helm.Releases;
using Homelab.Infrastructure.Helm.Repositories;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Rendering;
using Homelab.Manifests.Tools;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Homelab.Infrastructure.Helm;

public static class HelmServiceCollectionExtensions
{
    /// <summary>
    /// The HelmRepository (controller "helmrepository") and HelmRelease (controller "helmrelease") controllers.
    /// Needs the control-plane host (cluster client, cache, status writer, event recorder) and an
    /// <see cref="Sources.ISourceArtifacts"/> for charts kept in Git. Configuration: <c>Helm:ChartCacheDirectory</c>.
    /// </summary>
    public static IServiceCollection AddHelm(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Shared with the Kustomization controller: one renderer, one sync engine over one cache.
        services.TryAddSingleton(KubeToolLocator.Pinned);
        services.TryAddSingleton(sp => new ManifestRenderer(sp.GetRequiredService<KubeToolLocator>()));
        services.TryAddSingleton(sp => new SyncExecutor(
            sp.GetRequiredService<IClusterClient>(), sp.GetRequiredService<ClusterCache>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<FluxFinalizer>();
        services.TryAddSingleton<InventoryPruner>();

        services.AddHttpClient(RepositoryDownloader.HttpClientName);
        services.TryAddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(HelmControllerOptions.Section).Get<HelmControllerOptions>() ?? new HelmControllerOptions());
        services.TryAddSingleton<RepositoryDownloader>();
        services.TryAddSingleton<RepositoryIndexStore>();
        services.TryAddSingleton<ChartPackageCache>();
        services.TryAddSingleton<ChartResolver>();
        services.TryAddSingleton<ValuesComposer>();
        services.TryAddSingleton<ReleaseApplier>();
        services.TryAddSingleton<ReleaseStore>();
        services.TryAddSingleton<ReleaseUninstaller>();
        services.TryAddSingleton<ReleaseDependencies>();
        services.TryAddSingleton<ReleaseWakeups>();
        services.AddHostedService<HelmSourceSubscriptions>();
        services.AddController<HelmRepositoryReconciler>(new ControllerOptions
        {
            Name = HelmControllerNames.RepositoryController,
            Group = HelmControllerNames.RepositoryGroup,
            Kind = "HelmRepository",
        });
        services.AddController<HelmReleaseReconciler>(new ControllerOptions
        {
            Name = HelmControllerNames.ReleaseController,
            Group = HelmControllerNames.ReleaseGroup,
            Kind = "HelmRelease",
        });
        return services;
    }
}
