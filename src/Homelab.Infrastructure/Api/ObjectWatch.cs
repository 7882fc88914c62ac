using System.Threading.Channels;
using Grpc.Core;
using Homelab.Api.Infrastructure.V1;
using Homelab.Kubernetes.Caching;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.ApiService;

/// <summary>
/// <c>Watch</c>: every matching object as ADDED, then each change from the watch cache. The subscription
/// starts before the snapshot is read, so no change falls between them; an event that repeats what the
/// snapshot already sent (same resourceVersion) is dropped.
/// </summary>
public static class ObjectWatch
{
    public static async Task RunAsync(
        FluxObjects objects,
        IReadOnlyList<(string Group, string Kind)> kinds,
        string? @namespace,
        IServerStreamWriter<FluxObjectEvent> stream,
        CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<CacheEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = objects.Cache.Subscribe(e =>
        {
            if (kinds.Contains((e.Object.Group, e.Object.Kind)) && (string.IsNullOrEmpty(@namespace) || e.Object.Namespace == @namespace))
            {
                events.Writer.TryWrite(e);
            }
        });

        var sent = new Dictionary<ObjectId, string?>();
        foreach (var obj in await objects.ListAsync(kinds, @namespace, cancellationToken))
        {
            sent[obj.Id] = ResourceVersion(obj);
            await stream.WriteAsync(new FluxObjectEvent { Type = FluxObjectEvent.Types.Type.Added, Object = FluxObjectMapper.ToProto(obj) }, cancellationToken);
        }

        await foreach (var change in events.Reader.ReadAllAsync(cancellationToken))
        {
            var id = change.Object.Id;
            var version = ResourceVersion(change.Object);
            if (change.Type != CacheEventType.Deleted && sent.TryGetValue(id, out var already) && already == version)
            {
                continue;
            }

            sent[id] = version;
            var type = change.Type switch
            {
                CacheEventType.Added => FluxObjectEvent.Types.Type.Added,
                CacheEventType.Deleted => FluxObjectEvent.Types.Type.Deleted,
                _ => FluxObjectEvent.Types.Type.Modified,
            };
            if (change.Type == CacheEventType.Deleted)
            {
                sent.Remove(id);
            }

            await stream.WriteAsync(new FluxObjectEvent { Type = type, Object = FluxObjectMapper.ToProto(change.Object) }, cancellationToken);
        }
    }

    private static string? ResourceVersion(KubeObject obj) => obj.GetString("metadata", "resourceVersion");
}
