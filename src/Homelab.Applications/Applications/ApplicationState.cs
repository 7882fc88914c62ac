namespace Homelab.Applications.Applications;

/// <summary>
/// What the controller remembers about one Application between reconciles (in memory only: after a
/// restart everything is refreshed once, and a Running operation found in status is resumed).
/// </summary>
public sealed class ApplicationState
{
    private readonly Lock _lock = new();
    private string? _pendingRefresh;

    /// <summary>When Git is polled next.</summary>
    public DateTimeOffset NextPoll { get; set; } = DateTimeOffset.MinValue;

    /// <summary>metadata.generation of the spec last compared: a new spec is fetched at once.</summary>
    public long ComparedGeneration { get; set; } = -1;

    /// <summary>Self-heal syncs since the app was last Synced, for the 2 s × 3 backoff.</summary>
    public int SelfHealAttempts { get; set; }

    public DateTimeOffset SelfHealNotBefore { get; set; } = DateTimeOffset.MinValue;

    /// <summary>When the next attempt of a failed operation may run (its retry backoff).</summary>
    public DateTimeOffset RetryNotBefore { get; set; } = DateTimeOffset.MinValue;

    /// <summary>True once this process wrote the Running operation it finds in status (otherwise it is resumed after a restart).</summary>
    public bool OwnsRunningOperation { get; set; }

    /// <summary>The layer gate closed on the last sync attempt: woken when infrastructure readiness changes.</summary>
    public bool WaitingForInfrastructure { get; set; }

    public void RequestRefresh(bool hard)
    {
        lock (_lock)
        {
            _pendingRefresh = hard || _pendingRefresh == "hard" ? "hard" : "normal";
        }
    }

    /// <summary>The pending refresh from <see cref="ApplicationRefresher"/> ("normal" or "hard"), cleared.</summary>
    public string? TakeRefresh()
    {
        lock (_lock)
        {
            var pending = _pendingRefresh;
            _pendingRefresh = null;
            return pending;
        }
    }
}
