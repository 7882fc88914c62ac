using Homelab.Infrastructure.Sources;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Discovery;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.ApiService;

/// <summary>
/// The four Flux kinds as the API reads them: from the watch cache (no API call per request), starting a
/// kind's informer on first use and waiting for its first list, bounded by the caller's deadline.
/// </summary>
public sealed class FluxObjects(ClusterCache cache)
{
    public ClusterCache Cache => cache;

    /// <summary>The kind's informer once synced, or null when the cluster does not serve the kind (its CRD is missing).</summary>
    public async Task<ResourceInformer?> SyncedAsync(string group, string kind, CancellationToken cancellationToken)
    {
        ResourceInformer informer;
        try
        {
            informer = await cache.WatchAsync(group, kind, cancellationToken);
        }
        catch (UnknownKindException)
        {
            return null;
        }

        await informer.Synced.WaitAsync(cancellationToken);
        return informer;
    }

    public async Task<IReadOnlyList<KubeObject>> ListAsync(IEnumerable<(string Group, string Kind)> kinds, string? @namespace, CancellationToken cancellationToken)
    {
        var objects = new List<KubeObject>();
        foreach (var (group, kind) in kinds)
        {
            if (await SyncedAsync(group, kind, cancellationToken) is { } informer)
            {
                objects.AddRange(informer.List(string.IsNullOrEmpty(@namespace) ? null : @namespace));
            }
        }

        return objects;
    }

    public async Task<KubeObject?> GetAsync(string group, string kind, string @namespace, string name, CancellationToken cancellationToken) =>
        (await SyncedAsync(group, kind, cancellationToken))?.Get(@namespace, name);

    public static bool IsFluxKind(KubeObject obj) => FluxKinds.All.Contains((obj.Group, obj.Kind));
}
