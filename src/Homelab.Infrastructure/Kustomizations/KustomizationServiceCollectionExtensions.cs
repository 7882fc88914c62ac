using Homelab.Controllers;
using Homelab.Engine.Sync;
using Homelab.Infrastructure.Finalizers;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Rendering;
using Homelab.Manifests.Tools;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Homelab.Infrastructure.Kustomizations;

public static class KustomizationServiceCollectionExtensions
{
    /// <summary>
    /// The Kustomization controller (<c>kustomize.toolkit.fluxcd.io/Kustomization</c>, controller name
    /// "kustomization"), with the waker that starts dependents the moment their dependency is Ready.
    /// Needs the control-plane host (cluster client, cache, status writer, event recorder) and an
    /// <see cref="Sources.ISourceArtifacts"/>.
    /// </summary>
    public static IServiceCollection AddKustomizations(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Shared with the Helm controller: one renderer, one sync engine over one cache.
        services.TryAddSingleton(KubeToolLocator.Pinned);
        services.TryAddSingleton(sp => new ManifestRenderer(sp.GetRequiredService<KubeToolLocator>()));
        services.TryAddSingleton(sp => new SyncExecutor(
            sp.GetRequiredService<IClusterClient>(), sp.GetRequiredService<ClusterCache>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IntervalJitter>(_ => new IntervalJitter());
        services.TryAddSingleton<FluxFinalizer>();
        services.TryAddSingleton<InventoryPruner>();

        services.AddSingleton<SubstitutionVariables>();
        services.AddSingleton<KustomizationBuilder>();
        services.AddSingleton<HealthCheckWaiter>();
        services.AddSingleton<KustomizationReporter>();
        services.AddSingleton<KustomizationFinalizer>();
        services.AddSingleton<DependentsWaker>();
        services.AddHostedService(sp => sp.GetRequiredService<DependentsWaker>());
        services.AddController<KustomizationReconciler>(new ControllerOptions
        {
            Name = KustomizationKind.ControllerName,
            Group = KustomizationKind.Group,
            Kind = KustomizationKind.Kind,
        });
        return services;
    }
}
