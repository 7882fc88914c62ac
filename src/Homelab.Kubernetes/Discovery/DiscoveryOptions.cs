namespace Homelab.Kubernetes.Discovery;

/// <summary>How eagerly discovery is refreshed when asked for a kind it does not know.</summary>
public sealed record DiscoveryOptions
{
    /// <summary>At most one refresh per interval, so a manifest full of unknown kinds cannot hammer the server.</summary>
    public TimeSpan MinRefreshInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Ask for aggregated discovery (two requests for the whole server) first; false goes straight to
    /// legacy discovery (one request per group version), for servers whose aggregation misbehaves.
    /// </summary>
    public bool UseAggregatedDiscovery { get; init; } = true;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
