using System.Collections.Concurrent;
using System.Text.Json;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Caching;

/// <summary>
/// The cache of one resource type (the informer pattern): an initial list (the WatchList protocol
/// when the server supports it, else list then watch), then a watch resumed from the last seen
/// resourceVersion (kept fresh by bookmarks), a relist when that version has expired (410), and
/// reconnects with capped exponential backoff. Reads are served from memory.
/// </summary>
public sealed class ResourceInformer : IAsyncDisposable
{
    private readonly IClusterClient _client;
    private readonly CacheOptions _options;
    private readonly ConcurrentDictionary<(string? Namespace, string Name), CachedObject> _objects = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _subscribersGate = new();
    private Action<CacheEvent>[] _subscribers = [];
    private Task _loop = Task.CompletedTask;
    private string? _resourceVersion;
    private bool _watchListSupported;
    private bool _needList = true;
    private int _failures;

    internal ResourceInformer(IClusterClient client, ResourceType type, string? labelSelector, CacheOptions options)
    {
        _client = client;
        Type = type;
        LabelSelector = labelSelector;
        _options = options;
        _watchListSupported = options.UseWatchList;
    }

    public ResourceType Type { get; }

    /// <summary>The server-side scope of this cache; objects outside it are never held.</summary>
    public string? LabelSelector { get; }

    /// <summary>Completes when the first full list has been loaded; stays complete across relists and reconnects.</summary>
    public Task Synced => _synced.Task;

    public bool IsSynced => _synced.Task.IsCompletedSuccessfully;

    /// <summary>How many full lists were loaded (1 after the initial sync; more after 410 Expired).</summary>
    public int ListCount { get; private set; }

    /// <summary>The last error the loop recovered from (connection refused, 5xx...), for status and diagnostics.</summary>
    public Exception? LastError { get; private set; }

    public int Count => _objects.Count;

    /// <summary>Mean size of the cached (trimmed) JSON, for memory reports.</summary>
    public double AverageObjectSize => _objects.IsEmpty ? 0 : _objects.Values.Average(o => o.Size);

    /// <summary>A fresh copy of the cached object (safe to modify), or null when absent.</summary>
    public KubeObject? Get(string? @namespace, string name) =>
        _objects.GetValueOrDefault((Type.Namespaced ? @namespace : null, name))?.ToObject();

    /// <summary>Fresh copies in (namespace, name) order, so callers see a stable order.</summary>
    /// <param name="namespace">Null for every namespace.</param>
    public IReadOnlyList<KubeObject> List(string? @namespace = null, LabelSelector? selector = null) =>
        [.. _objects
            .Where(p => (@namespace is null || p.Key.Namespace == @namespace) && (selector is null || selector.Matches(p.Value.Labels.ToDictionary())))
            .OrderBy(p => p.Key.Namespace, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Name, StringComparer.Ordinal)
            .Select(p => p.Value.ToObject())];

    /// <summary>
    /// Calls <paramref name="handler"/> for every change, on the watch loop: keep it quick and non-throwing
    /// (hand work to a queue). Dispose the result to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(Action<CacheEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_subscribersGate)
        {
            _subscribers = [.. _subscribers, handler];
        }

        return new Subscription(() =>
        {
            lock (_subscribersGate)
            {
                _subscribers = [.. _subscribers.Where(s => s != handler)];
            }
        });
    }

    internal void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped while backing off.
        }

        _synced.TrySetCanceled();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // Once a list is in, a watch that ends (timeout, restart, error) resumes from the last
                // version seen; only 410 Expired (or a non-transient error) forces a new list.
                if (_needList)
                {
                    await ListAndWatchAsync(cancellationToken);
                }
                else
                {
                    await WatchAsync(new WatchOptions(ResourceVersion: _resourceVersion), cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ExpiredException e)
            {
                LastError = e;
                _needList = true;
            }
            catch (Exception e) when (e is KubernetesApiException or IOException or JsonException or OperationCanceledException)
            {
                // OperationCanceledException here is an HTTP timeout, not our cancellation.
                LastError = e;
                _needList |= e is KubernetesApiException { IsTransient: false };
                await DelayAsync(_failures++, cancellationToken);
            }
        }
    }

    private async Task ListAndWatchAsync(CancellationToken cancellationToken)
    {
        if (_watchListSupported)
        {
            try
            {
                await WatchListAsync(cancellationToken);
                return;
            }
            catch (KubernetesApiException e) when (e is InvalidException or BadRequestException)
            {
                // The server refuses sendInitialEvents (WatchList feature gate off): list, then watch.
                _watchListSupported = false;
            }
        }

        var list = await _client.ListAsync(Type.ApiVersion, Type.Kind, new ListOptions(LabelSelector: LabelSelector), cancellationToken);
        Replace(list.Items, list.ResourceVersion);
        await WatchAsync(new WatchOptions(ResourceVersion: _resourceVersion), cancellationToken);
    }

    /// <summary>One request: current objects as ADDED events, the initial-events-end bookmark, then live events.</summary>
    private async Task WatchListAsync(CancellationToken cancellationToken)
    {
        var initial = new List<KubeObject>();
        var live = false;
        await foreach (var e in _client.WatchAsync(Type, Options(new WatchOptions(SendInitialEvents: true)), cancellationToken))
        {
            if (live)
            {
                Apply(e);
            }
            else if (e.IsInitialEventsEnd)
            {
                Replace(initial, e.ResourceVersion ?? "");
                initial.Clear();
                live = true;
            }
            else if (e.Type != WatchEventType.Bookmark)
            {
                initial.Add(Trimmed(e));
            }
        }

        if (!live)
        {
            // The stream ended before the initial state was complete: what we have is partial.
            throw new IOException($"watch of {Type} ended before its initial events were complete");
        }
    }

    private async Task WatchAsync(WatchOptions options, CancellationToken cancellationToken)
    {
        await foreach (var e in _client.WatchAsync(Type, Options(options), cancellationToken))
        {
            _failures = 0; // connected and receiving: the next failure starts the backoff afresh
            Apply(e);
        }
    }

    private WatchOptions Options(WatchOptions options) => options with
    {
        LabelSelector = LabelSelector,
        AllowBookmarks = true,
        TimeoutSeconds = (int)_options.WatchTimeout.TotalSeconds,
    };

    private void Apply(WatchEvent e)
    {
        if (e.Type == WatchEventType.Bookmark)
        {
            _resourceVersion = e.ResourceVersion ?? _resourceVersion;
            return;
        }

        var obj = Trimmed(e);
        var key = Key(obj);
        if (e.Type == WatchEventType.Deleted)
        {
            if (_objects.TryRemove(key, out var removed))
            {
                Publish(CacheEventType.Deleted, obj, removed);
            }
        }
        else
        {
            var previous = _objects.GetValueOrDefault(key);
            _objects[key] = new CachedObject(obj.Body);
            Publish(previous is null ? CacheEventType.Added : CacheEventType.Updated, obj, previous);
        }

        _resourceVersion = e.ResourceVersion ?? _resourceVersion;
    }

    /// <summary>Swaps in a complete list, publishing only the differences from what was cached before.</summary>
    private void Replace(IReadOnlyList<KubeObject> items, string resourceVersion)
    {
        var seen = new HashSet<(string?, string)>();
        foreach (var obj in items)
        {
            ObjectTrimmer.Trim(obj.Body, _options.OwnManagers);
            var key = Key(obj);
            seen.Add(key);
            var cached = new CachedObject(obj.Body);
            var previous = _objects.GetValueOrDefault(key);
            _objects[key] = cached;
            if (previous is null)
            {
                Publish(CacheEventType.Added, obj, null);
            }
            else if (previous.ResourceVersion != cached.ResourceVersion)
            {
                Publish(CacheEventType.Updated, obj, previous);
            }
        }

        foreach (var (key, gone) in _objects.Where(p => !seen.Contains(p.Key)).ToList())
        {
            _objects.TryRemove(key, out _);
            if (_subscribers.Length > 0)
            {
                Publish(CacheEventType.Deleted, gone.ToObject(), gone);
            }
        }

        _resourceVersion = resourceVersion;
        ListCount++;
        _needList = false;
        _failures = 0;
        LastError = null;
        _synced.TrySetResult();
    }

    private KubeObject Trimmed(WatchEvent e)
    {
        var obj = e.Object;
        // Watch objects carry apiVersion/kind, but be safe: the cache's copies must be self-describing.
        obj["apiVersion"] ??= Type.ApiVersion;
        obj["kind"] ??= Type.Kind;
        ObjectTrimmer.Trim(obj, _options.OwnManagers);
        return new KubeObject(obj);
    }

    private (string? Namespace, string Name) Key(KubeObject obj) => (Type.Namespaced ? obj.Namespace : null, obj.Name);

    /// <summary>Materialises the previous state only when someone listens: most updates have no subscriber.</summary>
    private void Publish(CacheEventType type, KubeObject obj, CachedObject? previous)
    {
        var subscribers = _subscribers;
        if (subscribers.Length == 0)
        {
            return;
        }

        var e = new CacheEvent(type, obj, previous?.ToObject());
        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber(e);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // A faulty consumer must not stop the cache for everyone else; surface it instead.
                LastError = new InvalidOperationException($"a subscriber of the {Type} cache failed: {error.Message}", error);
            }
        }
    }

    private Task DelayAsync(int failures, CancellationToken cancellationToken)
    {
        var delay = _options.InitialBackoff * Math.Pow(2, Math.Min(failures, 16));
        return Task.Delay(delay < _options.MaxBackoff ? delay : _options.MaxBackoff, _options.TimeProvider, cancellationToken);
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
