using Homelab.Controllers;
using Homelab.Git.Webhooks;

namespace Homelab.Infrastructure.Webhooks;

/// <summary>
/// One push subscription per GitRepository, kept in step with its url and branch: a verified push to that
/// repository (any URL spelling, <see cref="Homelab.Git.Mapping.GitUrl.Key"/>) enqueues the GitRepository
/// at once instead of at its next interval.
/// </summary>
public sealed class GitPushSubscriptions(GitPushNotifier notifier, ControllerRegistry controllers, ILogger<GitPushSubscriptions> logger) : IDisposable
{
    /// <summary>The GitRepository controller's name in <see cref="ControllerRegistry"/>.</summary>
    public const string ControllerName = "gitrepository";

    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, (string Url, string? Branch, IDisposable Subscription)> _watches = [];

    /// <summary>Watches pushes to <paramref name="url"/>; <paramref name="branch"/> null means any ref (tags, semver, pinned commits).</summary>
    public void Watch(ObjectKey key, string url, string? branch)
    {
        lock (_gate)
        {
            if (_watches.TryGetValue(key, out var existing))
            {
                if (existing.Url == url && existing.Branch == branch)
                {
                    return;
                }

                existing.Subscription.Dispose();
            }

            var subscription = notifier.Subscribe(url, branch, (push, _) =>
            {
                logger.LogInformation("Push to {Ref} received for GitRepository {Key}: reconciling now", push.Ref, key);
                controllers.Get(ControllerName).Enqueue(key);
                return Task.CompletedTask;
            });
            _watches[key] = (url, branch, subscription);
        }
    }

    public void Forget(ObjectKey key)
    {
        lock (_gate)
        {
            if (_watches.Remove(key, out var existing))
            {
                existing.Subscription.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var watch in _watches.Values)
            {
                watch.Subscription.Dispose();
            }

            _watches.Clear();
        }
    }
}
