using System.Collections.Concurrent;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.IntegrationTests.Infrastructure;

/// <summary>
/// The real client, with every write noted in the order the server answered it: the request log the
/// wave and hook order is checked against.
/// </summary>
public sealed class RecordingClient(IClusterClient inner) : IClusterClient
{
    private readonly ConcurrentQueue<Write> _writes = new();

    public DiscoveryCache Discovery => inner.Discovery;

    public IReadOnlyList<Write> Writes => [.. _writes];

    public void ClearWrites() => _writes.Clear();

    public Task<KubeObject> GetAsync(ObjectReference reference, CancellationToken cancellationToken) => inner.GetAsync(reference, cancellationToken);

    public Task<KubeObject?> TryGetAsync(ObjectReference reference, CancellationToken cancellationToken) => inner.TryGetAsync(reference, cancellationToken);

    public Task<ObjectList> ListAsync(string apiVersion, string kind, ListOptions options, CancellationToken cancellationToken) =>
        inner.ListAsync(apiVersion, kind, options, cancellationToken);

    public async Task<KubeObject> ApplyAsync(KubeObject obj, ApplyOptions options, CancellationToken cancellationToken)
    {
        var result = await inner.ApplyAsync(obj, options, cancellationToken);
        _writes.Enqueue(new Write(options.DryRun ? "apply-dry-run" : "apply", result.Id));
        return result;
    }

    public async Task<KubeObject> CreateAsync(KubeObject obj, WriteOptions options, CancellationToken cancellationToken)
    {
        var result = await inner.CreateAsync(obj, options, cancellationToken);
        _writes.Enqueue(new Write(options.DryRun ? "create-dry-run" : "create", result.Id));
        return result;
    }

    public async Task<KubeObject> ReplaceAsync(KubeObject obj, WriteOptions options, CancellationToken cancellationToken)
    {
        var result = await inner.ReplaceAsync(obj, options, cancellationToken);
        _writes.Enqueue(new Write(options.DryRun ? "update-dry-run" : "update", result.Id));
        return result;
    }

    public Task<KubeObject> PatchAsync(ObjectReference reference, string patch, PatchType type, WriteOptions options, CancellationToken cancellationToken) =>
        inner.PatchAsync(reference, patch, type, options, cancellationToken);

    public async Task<bool> DeleteAsync(ObjectReference reference, DeleteOptions options, CancellationToken cancellationToken)
    {
        var deleted = await inner.DeleteAsync(reference, options, cancellationToken);
        _writes.Enqueue(new Write("delete", new ObjectId(reference.Group, reference.Kind, reference.Namespace, reference.Name)));
        return deleted;
    }

    public IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, WatchOptions options, CancellationToken cancellationToken) =>
        inner.WatchAsync(type, options, cancellationToken);

    public sealed record Write(string Verb, ObjectId Id);
}
