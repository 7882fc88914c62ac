namespace Homelab.AppHost.Configuration;

/// <summary>What the user asked the AppHost for on the command line (with environment fallbacks applied).</summary>
internal sealed record AppHostOptions
{
    /// <summary>Where <c>apphost.json</c> and the dev cluster's kubeconfig go.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>A real cluster's kubeconfig: then no dev cluster is started.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The repository to reconcile: a local checkout (path) or a remote URL.</summary>
    public required string Repository { get; init; }

    /// <summary>Path inside the repository whose objects are applied as the Flux root (like <c>flux bootstrap --path</c>).</summary>
    public string InfrastructureRoot { get; init; } = "infrastructure";

    /// <summary>Path inside the repository whose objects are applied as the root of the app-of-apps.</summary>
    public string ApplicationsRoot { get; init; } = "applications";

    /// <summary>Repository URLs to fetch from elsewhere (<c>--map-repo URL=PATH</c>), on top of the automatic mapping to <see cref="Repository"/>.</summary>
    public IReadOnlyList<RepositoryMapping> Mappings { get; init; } = [];

    /// <summary>True when <see cref="Repository"/> is a directory on this machine (its commits are watched).</summary>
    public bool RepositoryIsLocal => !Repository.Contains("://", StringComparison.Ordinal) && !Repository.Contains('@', StringComparison.Ordinal);
}

/// <summary>Fetch <see cref="From"/> from <see cref="To"/> (a local path or another URL).</summary>
internal sealed record RepositoryMapping(string From, string To);
