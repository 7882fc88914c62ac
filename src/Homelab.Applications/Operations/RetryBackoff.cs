using Homelab.Api.Argo;

namespace Homelab.Applications.Operations;

/// <summary>Argo's retry backoff and limit, and the self-heal backoff (2 s × 3, capped at 5 minutes).</summary>
public static class RetryBackoff
{
    public static readonly TimeSpan SelfHealBase = TimeSpan.FromSeconds(2);
    public const int SelfHealFactor = 3;
    public static readonly TimeSpan SelfHealCap = TimeSpan.FromMinutes(5);

    /// <summary>True when attempt number <paramref name="retriesSoFar"/> + 1 is still allowed (a limit of -1 is unlimited).</summary>
    public static bool MayRetry(RetryStrategy? strategy, int retriesSoFar) =>
        strategy is { } s && (s.Limit < 0 || retriesSoFar < s.Limit);

    /// <summary>duration × factor^n, capped at maxDuration.</summary>
    public static TimeSpan Delay(RetryStrategy strategy, int retriesSoFar)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return Grow(strategy.Duration, Math.Max(1, strategy.Factor), retriesSoFar, strategy.MaxDuration);
    }

    /// <summary>No wait for the first self-heal, then 2 s, 6 s, 18 s … up to 5 minutes.</summary>
    public static TimeSpan SelfHealDelay(int attemptsSoFar) =>
        attemptsSoFar == 0 ? TimeSpan.Zero : Grow(SelfHealBase, SelfHealFactor, attemptsSoFar - 1, SelfHealCap);

    private static TimeSpan Grow(TimeSpan start, long factor, int steps, TimeSpan cap)
    {
        var delay = start;
        for (var i = 0; i < steps && delay < cap; i++)
        {
            delay = TimeSpan.FromTicks(delay.Ticks * factor);
        }

        return delay > cap ? cap : delay;
    }
}
