using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Handlers;
using Homelab.DevCluster.Storage;

namespace Homelab.DevCluster.Lifecycle;

/// <summary>
/// Background garbage collection: when an owner is deleted, objects whose ownerReferences name its
/// uid are deleted too (and their dependents in turn). An index of owner uid → dependents is kept
/// from the event stream, so a delete costs nothing when nothing depends on the object.
/// </summary>
internal sealed class GarbageCollector(ResourceOperations operations)
{
    private readonly Dictionary<string, HashSet<(string StorageKey, string? Namespace, string Name)>> _dependents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Observe(WatchEvent e)
    {
        var dependent = (e.StorageKey, e.Object.Namespace, e.Object.Name);
        lock (_gate)
        {
            if (e.Previous is not null && HasOwners(e.Previous))
            {
                foreach (var uid in OwnerUids(e.Previous.ToNode()))
                {
                    _dependents.GetValueOrDefault(uid)?.Remove(dependent);
                }
            }

            if (e.Type != WatchEvent.Deleted && HasOwners(e.Object))
            {
                foreach (var uid in OwnerUids(e.Object.ToNode()))
                {
                    if (!_dependents.TryGetValue(uid, out var set))
                    {
                        set = [];
                        _dependents[uid] = set;
                    }

                    set.Add(dependent);
                }
            }
        }

        if (e.Type == WatchEvent.Deleted && e.Object.ToNode()["metadata"]?["uid"]?.GetValue<string>() is { } ownerUid)
        {
            DeleteDependents(ownerUid);
        }
    }

    /// <summary>Orphan propagation: dependents lose their reference to the owner instead of being deleted.</summary>
    public void OrphanDependents(string ownerUid)
    {
        foreach (var (type, ns, name) in TakeDependents(ownerUid))
        {
            try
            {
                operations.Patch(
                    type,
                    ns,
                    name,
                    live =>
                    {
                        if (live!["metadata"]?["ownerReferences"] is JsonArray refs)
                        {
                            foreach (var r in refs.Where(r => r?["uid"]?.GetValue<string>() == ownerUid).ToList())
                            {
                                refs.Remove(r);
                            }
                        }

                        return live;
                    },
                    WriteOptions.System("generic-garbage-collector"),
                    createIfMissing: false,
                    managedFieldsDone: false);
            }
            catch (Errors.ApiException)
            {
                // The dependent is already gone.
            }
        }
    }

    private void DeleteDependents(string ownerUid)
    {
        foreach (var (type, ns, name) in TakeDependents(ownerUid))
        {
            try
            {
                operations.Delete(type, ns, name, DeleteOptions.Default, WriteOptions.System("generic-garbage-collector"));
            }
            catch (Errors.ApiException)
            {
                // Deleted concurrently by someone else.
            }
        }
    }

    private List<(ResourceType Type, string? Namespace, string Name)> TakeDependents(string ownerUid)
    {
        HashSet<(string StorageKey, string? Namespace, string Name)>? set;
        lock (_gate)
        {
            _dependents.Remove(ownerUid, out set);
        }

        var result = new List<(ResourceType, string?, string)>();
        foreach (var (storageKey, ns, name) in set ?? [])
        {
            var slash = storageKey.IndexOf('/', StringComparison.Ordinal);
            if (operations.Registry.FindAnyVersion(storageKey[..slash], storageKey[(slash + 1)..]) is { } type)
            {
                result.Add((type, ns, name));
            }
        }

        return result;
    }

    /// <summary>Most objects have no owners; a byte search spares parsing them on every write.</summary>
    private static bool HasOwners(StoredObject o) => o.Json.AsSpan().IndexOf("\"ownerReferences\""u8) >= 0;

    private static IEnumerable<string> OwnerUids(JsonObject node) =>
        (node["metadata"]?["ownerReferences"] as JsonArray)?.Select(r => r?["uid"]?.GetValue<string>()).OfType<string>() ?? [];
}
