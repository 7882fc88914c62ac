using Microsoft.Extensions.Time.Testing;

namespace Homelab.Kubernetes.Tests.Infrastructure;

/// <summary>
/// Fake time that also counts the timers created on it, so a test can advance the clock only once
/// the code under test is actually waiting (advancing earlier would be lost on a timer not yet made).
/// </summary>
internal sealed class TimerCountingTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    private int _timers;

    public int TimersCreated => Volatile.Read(ref _timers);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        return timer;
    }
}
