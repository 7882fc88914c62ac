using Homelab.Kubernetes.Errors;

namespace Homelab.Engine.Sync;

/// <summary>
/// Retries API calls that failed transiently (throttling, 5xx, lost connections) with bounded
/// exponential backoff; the server's Retry-After wins when it is longer. Anything else fails at once.
/// </summary>
public sealed class TransientRetry(TimeProvider timeProvider, int maxAttempts = 8, TimeSpan? initialBackoff = null, TimeSpan? maxBackoff = null)
{
    private readonly TimeSpan _initial = initialBackoff ?? TimeSpan.FromMilliseconds(50);
    private readonly TimeSpan _max = maxBackoff ?? TimeSpan.FromSeconds(2);

    public int MaxAttempts => maxAttempts;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var delay = _initial;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (TransientApiException e) when (attempt < maxAttempts)
            {
                var wait = e.RetryAfter is { } after && after > delay ? after : delay;
                await Task.Delay(wait > _max ? _max : wait, timeProvider, cancellationToken);
                delay = delay * 2 > _max ? _max : delay * 2;
            }
        }
    }
}
