namespace Homelab.Git.Fetching;

/// <summary>
/// Retries transient Git failures with exponential backoff (<c>delay × 2^n</c>, capped). Waits use the
/// injected <see cref="TimeProvider"/>, so tests drive the backoff with a fake clock.
/// </summary>
public sealed class RetryPolicy(int maxAttempts, TimeSpan firstDelay, TimeSpan maxDelay, TimeProvider timeProvider)
{
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken);
            }
            catch (GitSourceException e) when (e.IsTransient && attempt < maxAttempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(DelayBefore(attempt + 1), timeProvider, cancellationToken);
            }
        }
    }

    /// <summary>Delay before attempt number <paramref name="attempt"/> (2 = first retry).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var factor = Math.Pow(2, Math.Max(0, attempt - 2));
        var delay = TimeSpan.FromTicks((long)Math.Min(firstDelay.Ticks * factor, maxDelay.Ticks));
        return delay;
    }
}
