using System.Collections.Concurrent;
using Homelab.Controllers;

namespace Homelab.Infrastructure.Helm.Repositories;

/// <summary>
/// The last good index of every HelmRepository, in memory (the role of source-controller's stored artifact).
/// After a restart it is empty until each repository has reconciled once; releases wait for it meanwhile.
/// </summary>
public sealed class RepositoryIndexStore
{
    private readonly ConcurrentDictionary<ObjectKey, RepositoryIndex> _indexes = new();
    private readonly List<Action<ObjectKey>> _subscribers = [];
    private readonly Lock _gate = new();

    public RepositoryIndex? Get(ObjectKey repository) => _indexes.GetValueOrDefault(repository);

    /// <summary>Stores an index; subscribers hear about it only when the revision changed.</summary>
    public void Put(ObjectKey repository, RepositoryIndex index)
    {
        var previous = _indexes.GetValueOrDefault(repository);
        _indexes[repository] = index;
        if (previous?.Revision == index.Revision)
        {
            return;
        }

        Action<ObjectKey>[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber(repository);
        }
    }

    public void Remove(ObjectKey repository) => _indexes.TryRemove(repository, out _);

    public IDisposable Subscribe(Action<ObjectKey> onNewIndex)
    {
        lock (_gate)
        {
            _subscribers.Add(onNewIndex);
        }

        return new Subscription(() =>
        {
            lock (_gate)
            {
                _subscribers.Remove(onNewIndex);
            }
        });
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
