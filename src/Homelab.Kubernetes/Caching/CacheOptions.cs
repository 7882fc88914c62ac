namespace Homelab.Kubernetes.Caching;

/// <summary>How the watch-backed cache connects, backs off and trims what it keeps.</summary>
public sealed record CacheOptions
{
    /// <summary>
    /// Field managers whose managedFields entries are kept on cached copies (the diff needs them to find
    /// fields we owned); every other manager's entries are dropped to save memory.
    /// </summary>
    public IReadOnlySet<string> OwnManagers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Per-type label selectors (key: <c>(group, kind)</c>), e.g. only objects carrying our tracking
    /// label. Types not listed are watched whole.
    /// </summary>
    public IReadOnlyDictionary<(string Group, string Kind), string> LabelSelectors { get; init; } =
        new Dictionary<(string Group, string Kind), string>();

    /// <summary>
    /// Load the initial state with the WatchList protocol (one streaming request; falls back to
    /// list+watch when the server refuses it). Turn off for servers older than 1.27 that ignore
    /// <c>sendInitialEvents</c> instead of refusing it, and so never send the closing bookmark.
    /// </summary>
    public bool UseWatchList { get; init; } = true;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the server keeps one watch open before we reconnect from the last version (client-go uses 5–10 minutes).</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public void Validate()
    {
        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentException("InitialBackoff must be positive and MaxBackoff at least InitialBackoff");
        }

        if (WatchTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("WatchTimeout must be at least one second");
        }
    }
}
