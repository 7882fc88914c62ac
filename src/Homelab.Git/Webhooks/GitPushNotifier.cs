using Homelab.Git.Mapping;
using Microsoft.Extensions.Logging;

namespace Homelab.Git.Webhooks;

/// <summary>
/// Delivers verified pushes to whoever watches that repository and branch, so a reconciler refreshes
/// at once instead of at its next interval. URLs match loosely (<see cref="GitUrl.Key"/>): the SSH and
/// HTTPS forms of one repository are the same repository.
/// </summary>
public sealed class GitPushNotifier(ILogger<GitPushNotifier> logger)
{
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];

    /// <summary>
    /// Watches pushes to <paramref name="repositoryUrl"/>. <paramref name="branch"/> limits it to one
    /// branch; null means any ref (e.g. a semver source that follows new tags). Dispose to stop.
    /// </summary>
    public IDisposable Subscribe(string repositoryUrl, string? branch, Func<PushEvent, CancellationToken, Task> onPush)
    {
        var subscription = new Subscription(GitUrl.Key(repositoryUrl), branch, onPush, this);
        lock (_lock)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Invokes every matching subscriber; returns how many matched. A failing subscriber is logged, not rethrown.</summary>
    public async Task<int> PublishAsync(PushEvent push, CancellationToken cancellationToken)
    {
        var keys = push.RepositoryUrls.Select(GitUrl.Key).ToHashSet(StringComparer.Ordinal);
        List<Subscription> matching;
        lock (_lock)
        {
            matching = _subscriptions.Where(s => keys.Contains(s.RepositoryKey) && (s.Branch is null || s.Branch == push.Branch)).ToList();
        }

        foreach (var subscription in matching)
        {
            try
            {
                await subscription.OnPush(push, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "A push subscriber for {Repository} failed", subscription.RepositoryKey);
            }
        }

        return matching.Count;
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(string repositoryKey, string? branch, Func<PushEvent, CancellationToken, Task> onPush, GitPushNotifier owner) : IDisposable
    {
        public string RepositoryKey { get; } = repositoryKey;

        public string? Branch { get; } = branch;

        public Func<PushEvent, CancellationToken, Task> OnPush { get; } = onPush;

        public void Dispose() => owner.Remove(this);
    }
}
