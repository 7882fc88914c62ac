using Homelab.Kubernetes.Caching;

namespace Homelab.Engine.Sync;

/// <summary>
/// Waits for a condition over the watch cache: re-checked on every cache event (and at least once a
/// second, in case an event was missed), so waiting costs no API requests.
/// </summary>
public sealed class CacheWaiter(ClusterCache cache, TimeProvider timeProvider)
{
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>True when <paramref name="condition"/> held before <paramref name="deadline"/>, false on timeout.</summary>
    public async Task<bool> WaitUntilAsync(Func<bool> condition, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var signal = new SemaphoreSlim(0);
        using var subscription = cache.Subscribe(_ => Wake(signal));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (condition())
            {
                return true;
            }

            var remaining = deadline - timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(remaining < RecheckInterval ? remaining : RecheckInterval, timeProvider, wake.Token);
            await Task.WhenAny(delay, signal.WaitAsync(wake.Token));
            await wake.CancelAsync();
        }
    }

    private static void Wake(SemaphoreSlim signal)
    {
        // Many events may arrive between two checks; one pending wake-up is enough.
        if (signal.CurrentCount == 0)
        {
            signal.Release();
        }
    }
}
