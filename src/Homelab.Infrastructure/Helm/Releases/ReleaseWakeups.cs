using Homelab.Api.Flux;
using Homelab.Controllers;
using Homelab.Kubernetes.Caching;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Helm.Releases;

/// <summary>
/// Wakes HelmReleases the moment something they wait for changes: a dependency turned Ready, or their chart
/// source has a new artifact — instead of Flux's 30-second dependency polling.
/// </summary>
public sealed class ReleaseWakeups(ControllerRegistry controllers, ClusterCache cache)
{
    public void DependentsOf(ObjectKey release) =>
        Wake(spec => spec.DependsOn.Any(d => d.Namespace == release.Namespace && d.Name == release.Name));

    public void UsersOf(string sourceKind, ObjectKey source) =>
        Wake(spec => spec.Chart?.SourceRef is { } sourceRef && sourceRef.Kind == sourceKind && sourceRef.Namespace == source.Namespace && sourceRef.Name == source.Name);

    private void Wake(Func<HelmReleaseSpec, bool> predicate)
    {
        if (!controllers.TryGet(HelmControllerNames.ReleaseController, out var controller))
        {
            return;
        }

        IReadOnlyList<KubeObject> releases;
        try
        {
            releases = cache.List(HelmControllerNames.ReleaseGroup, "HelmRelease");
        }
        catch (InvalidOperationException)
        {
            // Not watched yet: the controller enqueues every release once its informer syncs anyway.
            return;
        }

        foreach (var release in releases)
        {
            if (predicate(HelmReleaseReader.Read(release).Spec))
            {
                controller.Enqueue(ObjectKey.Of(release));
            }
        }
    }
}
