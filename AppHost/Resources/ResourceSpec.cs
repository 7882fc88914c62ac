namespace Homelab.AppHost.Resources;

/// <summary>
/// One resource the AppHost runs: a .NET service started as a child process with injected
/// environment, ready when its probe answers, started only after the resources it depends on run.
/// </summary>
public sealed record ResourceSpec
{
    public required string Name { get; init; }

    /// <summary>The service's entry assembly, run as <c>dotnet ASSEMBLY ARGS</c>.</summary>
    public required string Assembly { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Named endpoints (e.g. <c>api</c>, <c>http</c>) shown in the state table.</summary>
    public IReadOnlyDictionary<string, Uri> Endpoints { get; init; } = new Dictionary<string, Uri>();

    /// <summary>Other facts worth showing next to the URLs (e.g. the kubeconfig path).</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();

    /// <summary>The URL whose 200 answer means "ready" (a service's <c>/health</c>).</summary>
    public required Uri ReadinessUrl { get; init; }
}
