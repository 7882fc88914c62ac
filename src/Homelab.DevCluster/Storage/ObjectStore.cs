using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Errors;

namespace Homelab.DevCluster.Storage;

/// <summary>
/// The versioned in-memory store: one global revision counter (like etcd's), objects per resource,
/// and a bounded history of events so a watch can resume from a recent resourceVersion. Every write
/// happens under one lock, which keeps revisions, history and watcher fan-out in the same order.
/// </summary>
public sealed class ObjectStore(int historySize, int maxObjectsPerNamespace)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, StoredObject>> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _countsPerNamespace = new(StringComparer.Ordinal);
    private readonly Queue<WatchEvent> _history = new();
    private readonly List<WatchSubscription> _subscribers = [];
    private long _revision;
    private long _compactedThrough;

    /// <summary>
    /// Raised for every committed change while the store lock is held, so handlers see changes in
    /// revision order; they must only enqueue work, never call back into the store.
    /// </summary>
    public event Action<WatchEvent>? Changed;

    public long CurrentRevision
    {
        get
        {
            lock (_gate)
            {
                return _revision;
            }
        }
    }

    public StoredObject? Get(ResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            return _resources.TryGetValue(type.StorageKey, out var map) && map.TryGetValue(StoredObject.KeyOf(ns, name), out var found)
                ? found
                : null;
        }
    }

    /// <summary>All objects of a resource (optionally in one namespace) and the revision the list is consistent at.</summary>
    public (IReadOnlyList<StoredObject> Items, long Revision) List(ResourceType type, string? ns)
    {
        lock (_gate)
        {
            if (!_resources.TryGetValue(type.StorageKey, out var map))
            {
                return ([], _revision);
            }

            var items = ns is null
                ? map.Values.ToList()
                : map.Values.Where(o => o.Namespace == ns).ToList();
            return (items, _revision);
        }
    }

    public int CountInNamespace(string ns)
    {
        lock (_gate)
        {
            return _countsPerNamespace.GetValueOrDefault(ns);
        }
    }

    public StoredObject Create(ResourceType type, JsonObject body)
    {
        var (ns, name) = Identity(body);
        lock (_gate)
        {
            var map = MapFor(type.StorageKey);
            var key = StoredObject.KeyOf(ns, name);
            if (map.ContainsKey(key))
            {
                throw ApiErrors.AlreadyExists(type, name);
            }

            if (ns is not null && _countsPerNamespace.GetValueOrDefault(ns) >= maxObjectsPerNamespace)
            {
                throw new ApiException(
                    System.Net.HttpStatusCode.Forbidden,
                    "Forbidden",
                    $"{type.QualifiedResource} \"{name}\" is forbidden: exceeded quota: namespace {ns} already holds {maxObjectsPerNamespace} objects (the dev cluster's limit)",
                    new JsonObject { ["name"] = name, ["kind"] = type.Resource });
            }

            var stored = Commit(map, key, body, ns, name);
            if (ns is not null)
            {
                _countsPerNamespace[ns] = _countsPerNamespace.GetValueOrDefault(ns) + 1;
            }

            Publish(new WatchEvent(WatchEvent.Added, type.StorageKey, stored, null));
            return stored;
        }
    }

    /// <summary>Replaces an object if its stored resourceVersion is still <paramref name="expectedRevision"/> (when given).</summary>
    public StoredObject Update(ResourceType type, JsonObject body, long? expectedRevision)
    {
        var (ns, name) = Identity(body);
        lock (_gate)
        {
            var map = MapFor(type.StorageKey);
            var key = StoredObject.KeyOf(ns, name);
            var previous = Current(map, key, type, name, expectedRevision);
            var stored = Commit(map, key, body, ns, name);
            Publish(new WatchEvent(WatchEvent.Modified, type.StorageKey, stored, previous));
            return stored;
        }
    }

    /// <summary>Removes an object; the DELETED event carries a new revision, as etcd's delete does.</summary>
    public StoredObject Delete(ResourceType type, string? ns, string name, long? expectedRevision)
    {
        lock (_gate)
        {
            var map = MapFor(type.StorageKey);
            var key = StoredObject.KeyOf(ns, name);
            var previous = Current(map, key, type, name, expectedRevision);
            map.Remove(key);
            if (ns is not null)
            {
                _countsPerNamespace[ns] = _countsPerNamespace.GetValueOrDefault(ns) - 1;
            }

            var body = previous.ToNode();
            var revision = ++_revision;
            ((JsonObject)body["metadata"]!)["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var tombstone = previous with { ResourceVersion = revision, Json = JsonSerializer.SerializeToUtf8Bytes(body) };
            Publish(new WatchEvent(WatchEvent.Deleted, type.StorageKey, tombstone, previous));
            return tombstone;
        }
    }

    /// <summary>
    /// Starts a watch. With <paramref name="fromRevision"/> null, current objects are replayed as ADDED
    /// first (<paramref name="initial"/> receives them); otherwise history after that revision is replayed.
    /// </summary>
    public WatchSubscription Watch(ResourceType type, string? ns, long? fromRevision, out IReadOnlyList<WatchEvent> initial, out long revision)
    {
        lock (_gate)
        {
            var subscription = new WatchSubscription(type.StorageKey, ns, Unsubscribe);
            if (fromRevision is null)
            {
                initial = _resources.TryGetValue(type.StorageKey, out var map)
                    ? map.Values.Where(o => ns is null || o.Namespace == ns)
                        .Select(o => new WatchEvent(WatchEvent.Added, type.StorageKey, o, null)).ToList()
                    : [];
            }
            else
            {
                if (fromRevision < _compactedThrough)
                {
                    throw ApiErrors.Gone($"too old resource version: {fromRevision} ({_compactedThrough + 1})");
                }

                initial = _history.Where(e => e.Revision > fromRevision && subscription.Wants(e)).ToList();
            }

            revision = _revision;
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Ends every open watch stream (fault injection, restart).</summary>
    public void CloseAllWatches()
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Close();
            }

            _subscribers.Clear();
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }

    private SortedDictionary<string, StoredObject> MapFor(string storageKey)
    {
        if (!_resources.TryGetValue(storageKey, out var map))
        {
            map = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
            _resources[storageKey] = map;
        }

        return map;
    }

    /// <summary>The stored object a write replaces or removes: 404 when missing, 409 when its resourceVersion moved on.</summary>
    private static StoredObject Current(SortedDictionary<string, StoredObject> map, string key, ResourceType type, string name, long? expectedRevision)
    {
        if (!map.TryGetValue(key, out var current))
        {
            throw ApiErrors.NotFound(type, name);
        }

        return expectedRevision is { } expected && expected != current.ResourceVersion
            ? throw ApiErrors.Conflict(type, name)
            : current;
    }

    private StoredObject Commit(SortedDictionary<string, StoredObject> map, string key, JsonObject body, string? ns, string name)
    {
        var revision = ++_revision;
        var metadata = (JsonObject)body["metadata"]!;
        metadata["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stored = new StoredObject(ns, name, revision, ReadLabels(metadata), JsonSerializer.SerializeToUtf8Bytes(body));
        map[key] = stored;
        return stored;
    }

    private void Publish(WatchEvent e)
    {
        _history.Enqueue(e);
        while (_history.Count > historySize)
        {
            _compactedThrough = _history.Dequeue().Revision;
        }

        foreach (var subscriber in _subscribers)
        {
            if (subscriber.Wants(e))
            {
                subscriber.Publish(e);
            }
        }

        Changed?.Invoke(e);
    }

    private static (string? Namespace, string Name) Identity(JsonObject body)
    {
        var metadata = (JsonObject)body["metadata"]!;
        var ns = metadata["namespace"]?.GetValue<string>();
        return (string.IsNullOrEmpty(ns) ? null : ns, metadata["name"]!.GetValue<string>());
    }

    private static Dictionary<string, string> ReadLabels(JsonObject metadata)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata["labels"] is JsonObject map)
        {
            foreach (var (k, v) in map)
            {
                if (v is JsonValue value && value.TryGetValue<string>(out var s))
                {
                    labels[k] = s;
                }
            }
        }

        return labels;
    }
}
