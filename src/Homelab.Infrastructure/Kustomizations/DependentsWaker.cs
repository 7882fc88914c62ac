using Homelab.Api.Flux;
using Homelab.Controllers;
using Homelab.Infrastructure.Sources;
using Homelab.Kubernetes.Caching;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary>
/// Homelab's answer to Flux's 30-second dependency polling: the moment a Kustomization turns Ready (or
/// applies a new revision) its dependents are enqueued, and the moment a source has a new artifact the
/// Kustomizations reading it are. Both are found from the watch cache, so waking costs no API request.
/// </summary>
internal sealed class DependentsWaker(ClusterCache cache, ISourceArtifacts artifacts, ControllerRegistry controllers, ILogger<DependentsWaker> logger) : IHostedService
{
    private IDisposable? _cacheSubscription;
    private IDisposable? _artifactSubscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _cacheSubscription = cache.Subscribe(OnCacheEvent);
        _artifactSubscription = artifacts.Subscribe(OnNewArtifact);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _cacheSubscription?.Dispose();
        _artifactSubscription?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The Kustomizations whose <c>dependsOn</c> names <paramref name="dependency"/>.</summary>
    public IReadOnlyList<KubeObject> DependentsOf(KubeObject dependency) =>
        [.. Kustomizations().Where(k => KustomizationReader.Read(k).Spec.DependsOn
            .Any(d => d.Name == dependency.Name && d.Namespace == (dependency.Namespace ?? "default")))];

    private void OnCacheEvent(CacheEvent change)
    {
        if (change.Type == CacheEventType.Deleted || change.Object.Kind != KustomizationKind.Kind || change.Object.Group != KustomizationKind.Group)
        {
            return;
        }

        var now = KustomizationStatus.Read(change.Object);
        var before = change.Previous is null ? null : KustomizationStatus.Read(change.Previous);
        var turnedReady = now.IsReady && (before is null || !before.IsReady || before.LastAppliedRevision != now.LastAppliedRevision);
        if (turnedReady)
        {
            Wake(DependentsOf(change.Object), $"dependency {ObjectKey.Of(change.Object)} is ready");
        }
    }

    private void OnNewArtifact(SourceReference source) =>
        Wake([.. Kustomizations().Where(k => KustomizationReader.Read(k).Spec.SourceRef == source)], $"new artifact from {source.Kind}/{source.Namespace}/{source.Name}");

    private IReadOnlyList<KubeObject> Kustomizations()
    {
        try
        {
            return cache.List(KustomizationKind.Group, KustomizationKind.Kind);
        }
        catch (InvalidOperationException)
        {
            // Not watched or not synced yet: the controller enqueues every object once it is.
            return [];
        }
    }

    private void Wake(IReadOnlyList<KubeObject> objects, string why)
    {
        if (objects.Count == 0)
        {
            return;
        }

        var controller = controllers.Get(KustomizationKind.ControllerName);
        foreach (var obj in objects)
        {
            logger.LogDebug("Waking Kustomization {Key}: {Why}", ObjectKey.Of(obj), why);
            controller.Enqueue(ObjectKey.Of(obj));
        }
    }
}
