using System.Collections.Concurrent;
using Homelab.Applications.ApplicationSets.Generators;
using Homelab.Controllers;
using Homelab.Git.Mapping;
using Homelab.Git.Webhooks;

namespace Homelab.Applications.ApplicationSets;

/// <summary>
/// Wakes ApplicationSets before their next poll: on request (API, webhooks) and on a verified Git push to a
/// repository their Git generators read. Subscriptions follow what the last reconcile read.
/// </summary>
public sealed class ApplicationSetRefresher(ControllerRegistry registry, GitPushNotifier? pushes = null) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, Subscriptions> _subscriptions = [];
    private readonly ConcurrentDictionary<ObjectKey, bool> _requested = new();

    /// <summary>Reconciles the ApplicationSet now, running its generators again (Git is read afresh).</summary>
    public void Request(ObjectKey key)
    {
        _requested[key] = true;
        Wake(key);
    }

    /// <summary>Reconciles the ApplicationSet now; its last generation may be reused if recent.</summary>
    public void Wake(ObjectKey key)
    {
        if (registry.TryGet(ApplicationSetServiceCollectionExtensions.ControllerName, out var controller))
        {
            controller.Enqueue(key);
        }
    }

    /// <summary>Whether a fresh generation was requested since the last call (and clears the request).</summary>
    public bool TakeRequest(ObjectKey key) => _requested.TryRemove(key, out _);

    /// <summary>Watches pushes to these repositories for the ApplicationSet, replacing what it watched before.</summary>
    public void Track(ObjectKey key, IEnumerable<GitSourceRead> sources)
    {
        if (pushes is null)
        {
            return;
        }

        var repositories = sources.Select(s => s.RepoUrl).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var signature = string.Join('\n', repositories.Select(GitUrl.Key));
        lock (_lock)
        {
            if (_subscriptions.TryGetValue(key, out var existing) && existing.Signature == signature)
            {
                return;
            }

            existing?.Dispose();
            var handles = repositories.Select(url => pushes.Subscribe(url, branch: null, (_, _) =>
            {
                Request(key);
                return Task.CompletedTask;
            })).ToList();
            _subscriptions[key] = new Subscriptions(signature, handles);
        }
    }

    /// <summary>Stops watching for an ApplicationSet that is gone.</summary>
    public void Forget(ObjectKey key)
    {
        lock (_lock)
        {
            if (_subscriptions.Remove(key, out var existing))
            {
                existing.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var subscription in _subscriptions.Values)
            {
                subscription.Dispose();
            }

            _subscriptions.Clear();
        }
    }

    private sealed record Subscriptions(string Signature, IReadOnlyList<IDisposable> Handles) : IDisposable
    {
        public void Dispose()
        {
            foreach (var handle in Handles)
            {
                handle.Dispose();
            }
        }
    }
}
