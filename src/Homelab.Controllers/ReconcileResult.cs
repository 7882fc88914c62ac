namespace Homelab.Controllers;

/// <summary>What the controller does with a key after a reconcile.</summary>
public sealed record ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan? delay)
    {
        Outcome = outcome;
        Delay = delay;
    }

    /// <summary>Success: the per-key backoff is forgotten and the key is not requeued (a later change will wake it).</summary>
    public static ReconcileResult Done { get; } = new(ReconcileOutcome.Done, null);

    internal ReconcileOutcome Outcome { get; }

    /// <summary>The requeue delay (RequeueAfter), or the explicit retry delay (Retry with <c>after</c>).</summary>
    internal TimeSpan? Delay { get; }

    /// <summary>Success, and run again after <paramref name="delay"/> (the reconciler adds any jitter to its interval itself).</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay) =>
        delay < TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(nameof(delay), delay, "a requeue delay cannot be negative")
            : new(ReconcileOutcome.RequeueAfter, delay);

    /// <summary>
    /// Failure: retry with the per-key exponential backoff (750 ms, doubling, up to 15 min), or after
    /// <paramref name="after"/> when given (e.g. Flux's retryInterval). Counted as result="error".
    /// </summary>
    public static ReconcileResult Retry(TimeSpan? after = null) =>
        after < TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(nameof(after), after, "a retry delay cannot be negative")
            : new(ReconcileOutcome.Retry, after);

    public override string ToString() => Outcome switch
    {
        ReconcileOutcome.Done => "done",
        ReconcileOutcome.RequeueAfter => $"requeue after {Delay}",
        _ => Delay is null ? "retry with backoff" : $"retry after {Delay}",
    };
}
