namespace Homelab.Controllers.Queues;

/// <summary>The per-key failure backoff of a work queue: <c>BaseDelay × 2^(failures-1)</c>, capped at <c>MaxDelay</c>.</summary>
public sealed record WorkQueueOptions
{
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(750);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(15);
}
