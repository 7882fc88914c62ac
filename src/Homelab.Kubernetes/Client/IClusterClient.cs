using Homelab.Kubernetes.Discovery;
using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Client;

/// <summary>
/// Generic access to any kind the server serves, with objects as <see cref="KubeObject"/>. Refusals
/// throw <see cref="Errors.KubernetesApiException"/> subclasses; unknown kinds throw <see cref="UnknownKindException"/>.
/// </summary>
public interface IClusterClient
{
    DiscoveryCache Discovery { get; }

    /// <exception cref="Errors.NotFoundException">The object does not exist.</exception>
    Task<KubeObject> GetAsync(ObjectReference reference, CancellationToken cancellationToken);

    /// <summary>The object, or null when it does not exist.</summary>
    Task<KubeObject?> TryGetAsync(ObjectReference reference, CancellationToken cancellationToken);

    Task<ObjectList> ListAsync(string apiVersion, string kind, ListOptions options, CancellationToken cancellationToken);

    /// <summary>Server-side apply (creates when missing). With dry run the server answers what it would store and keeps nothing.</summary>
    Task<KubeObject> ApplyAsync(KubeObject obj, ApplyOptions options, CancellationToken cancellationToken);

    Task<KubeObject> CreateAsync(KubeObject obj, WriteOptions options, CancellationToken cancellationToken);

    /// <summary>Update (PUT): replaces the whole object; a <c>metadata.resourceVersion</c> in it makes the write conditional.</summary>
    Task<KubeObject> ReplaceAsync(KubeObject obj, WriteOptions options, CancellationToken cancellationToken);

    Task<KubeObject> PatchAsync(ObjectReference reference, string patch, PatchType type, WriteOptions options, CancellationToken cancellationToken);

    /// <summary>Deletes an object; false when it was already gone.</summary>
    Task<bool> DeleteAsync(ObjectReference reference, DeleteOptions options, CancellationToken cancellationToken);

    /// <summary>Streams events until the server ends the watch (then the enumeration completes) or it fails.</summary>
    /// <exception cref="Errors.ExpiredException">The resourceVersion is too old: relist.</exception>
    IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, WatchOptions options, CancellationToken cancellationToken);
}
