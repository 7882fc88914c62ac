using Homelab.Api.Flux;
using Homelab.Engine.Sync;
using Homelab.Kubernetes.Caching;
using Homelab.Manifests.Health;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary>
/// <c>spec.healthChecks</c> without <c>wait</c>: waits, on the watch cache, until the listed objects are
/// healthy or the deadline passes, with the same health rules the sync engine's wait uses.
/// </summary>
internal sealed class HealthCheckWaiter(ClusterCache cache, TimeProvider time)
{
    private readonly HealthWaiter _waiter = new(cache, new HealthAssessor(), new CacheWaiter(cache, time));

    /// <summary>The objects that did not become healthy, with why (a missing object is waited for, then named).</summary>
    public async Task<IReadOnlyDictionary<ObjectId, string>> WaitAsync(IReadOnlyList<HealthCheckReference> checks, string defaultNamespace, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var targets = new List<HealthTarget>();
        foreach (var check in checks)
        {
            var (group, _) = KubeObject.SplitApiVersion(check.ApiVersion);
            await cache.WatchAsync(group, check.Kind, cancellationToken);
            targets.Add(new HealthTarget(new ObjectId(group, check.Kind, check.Namespace ?? defaultNamespace, check.Name), null));
        }

        return await _waiter.WaitAsync(targets, deadline, cancellationToken);
    }
}
