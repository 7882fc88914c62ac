using Homelab.Kubernetes.Caching;

namespace Homelab.Controllers;

/// <summary>One controller: the custom resource it watches, its work queue's name, its concurrency and its event filter.</summary>
public sealed record ControllerOptions
{
    /// <summary>The metrics label <c>controller</c> and the work queue's name, e.g. "kustomization".</summary>
    public required string Name { get; init; }

    /// <summary>The watched kind's API group, e.g. kustomize.toolkit.fluxcd.io.</summary>
    public required string Group { get; init; }

    public required string Kind { get; init; }

    /// <summary>How many keys are reconciled at once (never the same key twice).</summary>
    public int Workers { get; init; } = 4;

    /// <summary>The namespaces whose objects are reconciled; empty: all.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>Which cache events wake an object; null: <see cref="EventFilters.Default"/>.</summary>
    public Func<CacheEvent, bool>? ShouldEnqueue { get; init; }
}
