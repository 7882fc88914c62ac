using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Caching;

/// <summary>
/// Watch-backed caches for the resource types in use, started on first use. Once a type is synced,
/// reads cost no API calls; <see cref="Subscribe"/> delivers every change so reconcilers can react to drift.
/// When CustomResourceDefinitions are watched, a CRD change invalidates discovery so its kinds resolve at once.
/// </summary>
public sealed class ClusterCache : IAsyncDisposable
{
    private readonly IClusterClient _client;
    private readonly CacheOptions _options;
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private readonly Lock _subscribersGate = new();
    private readonly List<Action<CacheEvent>> _subscribers = [];
    private readonly List<IDisposable> _subscriptions = [];
    private Dictionary<(string Group, string Kind), ResourceInformer> _informers = [];

    public ClusterCache(IClusterClient client, CacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _options = options;
    }

    public IReadOnlyCollection<ResourceInformer> Informers => _informers.Values;

    /// <summary>True when every started type has completed its first list (vacuously true before any type is watched: start the types first).</summary>
    public bool IsSynced => _informers.Values.All(i => i.IsSynced);

    /// <summary>The informer for a kind, starting it (after discovery resolves the kind) when not yet watched.</summary>
    /// <exception cref="Discovery.UnknownKindException">The server does not serve the kind.</exception>
    public async Task<ResourceInformer> WatchAsync(string group, string kind, CancellationToken cancellationToken)
    {
        if (_informers.TryGetValue((group, kind), out var existing))
        {
            return existing;
        }

        var type = await _client.Discovery.ResolveAsync(group, kind, version: null, cancellationToken);
        await _startGate.WaitAsync(cancellationToken);
        try
        {
            if (_informers.TryGetValue((group, kind), out existing))
            {
                return existing;
            }

            var informer = new ResourceInformer(_client, type, _options.LabelSelectors.GetValueOrDefault((group, kind)), _options);
            lock (_subscribersGate)
            {
                _subscriptions.Add(informer.Subscribe(Publish));
            }

            informer.Start();
            // Copy-on-write so readers never need the lock.
            _informers = new Dictionary<(string Group, string Kind), ResourceInformer>(_informers) { [(group, kind)] = informer };
            return informer;
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <summary>Waits until every started type is synced.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_informers.Values.Select(i => i.Synced)).WaitAsync(cancellationToken);

    /// <summary>The cached object, or null when absent. Throws when its type is not watched or not yet synced: absence would be a guess.</summary>
    public KubeObject? Get(ObjectId id) => SyncedInformer(id.Group, id.Kind).Get(id.Namespace, id.Name);

    public IReadOnlyList<KubeObject> List(string group, string kind, string? @namespace = null, string? labelSelector = null) =>
        SyncedInformer(group, kind).List(@namespace, labelSelector is null ? null : LabelSelector.Parse(labelSelector));

    /// <summary>Every change of every watched type; see <see cref="ResourceInformer.Subscribe"/> for the rules.</summary>
    public IDisposable Subscribe(Action<CacheEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_subscribersGate)
        {
            _subscribers.Add(handler);
        }

        return new Unsubscriber(this, handler);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var informer in _informers.Values)
        {
            await informer.DisposeAsync();
        }

        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _startGate.Dispose();
    }

    private ResourceInformer SyncedInformer(string group, string kind)
    {
        var label = group.Length == 0 ? kind : $"{kind}.{group}";
        if (!_informers.TryGetValue((group, kind), out var informer))
        {
            throw new InvalidOperationException($"{label} is not watched: call WatchAsync first");
        }

        return informer.IsSynced ? informer : throw new InvalidOperationException($"{label} is not synced yet");
    }

    private void Publish(CacheEvent e)
    {
        if (e.Object.Kind == "CustomResourceDefinition" && e.Object.Group == "apiextensions.k8s.io")
        {
            // A CRD came, went or changed: the kinds it serves must be looked up again on the next miss.
            _client.Discovery.Invalidate();
        }

        Action<CacheEvent>[] subscribers;
        lock (_subscribersGate)
        {
            subscribers = [.. _subscribers];
        }

        List<Exception>? errors = null;
        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber(e);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // Every subscriber still gets the event; the informer records the failures.
                (errors ??= []).Add(error);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException(errors);
        }
    }

    private sealed class Unsubscriber(ClusterCache cache, Action<CacheEvent> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (cache._subscribersGate)
            {
                cache._subscribers.Remove(handler);
            }
        }
    }
}
