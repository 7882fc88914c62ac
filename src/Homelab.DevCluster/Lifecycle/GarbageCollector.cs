using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Handlers;
using Homelab.DevCluster.Storage;

namespace Homelab.DevCluster.Lifecycle;

/// <summary>
/// Garbage collection by ownerReferences. Background: when an owner is deleted, its dependents are
/// deleted too (and theirs in turn). Foreground: an owner held by the <c>foregroundDeletion</c>
/// finalizer has its dependents deleted first, then the finalizer is removed. An index of owner
/// uid → dependents is kept from the event stream, so a delete costs nothing when nothing depends
/// on the object.
/// </summary>
internal sealed class GarbageCollector(ResourceOperations operations)
{
    private readonly Dictionary<string, HashSet<(string StorageKey, string? Namespace, string Name)>> _dependents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ResourceType Type, string? Namespace, string Name)> _waitingOwners = new(StringComparer.Ordinal);
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

        if (e.Type == WatchEvent.Deleted)
        {
            var deleted = e.Object.ToNode();
            if (deleted["metadata"]?["uid"]?.GetValue<string>() is { } ownerUid)
            {
                DeleteDependents(ownerUid);
            }

            // A dependent is gone: an owner waiting in foreground deletion may now be finished.
            if (HasOwners(e.Object))
            {
                foreach (var uid in OwnerUids(deleted))
                {
                    TryFinishForeground(uid);
                }
            }
        }
        else if (e.Object.Json.AsSpan().IndexOf("\"foregroundDeletion\""u8) >= 0)
        {
            StartForeground(e);
        }
    }

    private void StartForeground(WatchEvent e)
    {
        var node = e.Object.ToNode();
        var metadata = node["metadata"];
        if (metadata?["deletionTimestamp"] is null || metadata["uid"]?.GetValue<string>() is not { } uid || TypeOf(e.StorageKey) is not { } type)
        {
            return;
        }

        List<(string StorageKey, string? Namespace, string Name)> dependents;
        lock (_gate)
        {
            _waitingOwners[uid] = (type, e.Object.Namespace, e.Object.Name);
            dependents = [.. _dependents.GetValueOrDefault(uid) ?? []];
        }

        foreach (var (storageKey, ns, name) in dependents)
        {
            if (TypeOf(storageKey) is { } dependentType)
            {
                try
                {
                    operations.Delete(dependentType, ns, name, new DeleteOptions("Foreground", null, null), WriteOptions.System("generic-garbage-collector"));
                }
                catch (Errors.ApiException)
                {
                    // Already gone.
                }
            }
        }

        TryFinishForeground(uid);
    }

    private void TryFinishForeground(string ownerUid)
    {
        (ResourceType Type, string? Namespace, string Name) owner;
        lock (_gate)
        {
            if (!_waitingOwners.TryGetValue(ownerUid, out owner) || _dependents.GetValueOrDefault(ownerUid) is { Count: > 0 })
            {
                return;
            }

            _waitingOwners.Remove(ownerUid);
        }

        try
        {
            operations.Patch(
                owner.Type,
                owner.Namespace,
                owner.Name,
                live =>
                {
                    if (live!["metadata"]?["finalizers"] is JsonArray finalizers)
                    {
                        foreach (var f in finalizers.Where(f => f?.GetValue<string>() == ResourceOperations.ForegroundFinalizer).ToList())
                        {
                            finalizers.Remove(f);
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
            // The owner is gone already.
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
            if (TypeOf(storageKey) is { } type)
            {
                result.Add((type, ns, name));
            }
        }

        return result;
    }

    private ResourceType? TypeOf(string storageKey)
    {
        var slash = storageKey.IndexOf('/', StringComparison.Ordinal);
        return operations.Registry.FindAnyVersion(storageKey[..slash], storageKey[(slash + 1)..]);
    }

    /// <summary>Most objects have no owners; a byte search spares parsing them on every write.</summary>
    private static bool HasOwners(StoredObject o) => o.Json.AsSpan().IndexOf("\"ownerReferences\""u8) >= 0;

    private static IEnumerable<string> OwnerUids(JsonObject node) =>
        (node["metadata"]?["ownerReferences"] as JsonArray)?.Select(r => r?["uid"]?.GetValue<string>()).OfType<string>() ?? [];
}
