namespace Homelab.Git.Fetching;

/// <summary>Settings for fetching (bound from configuration section <c>Git</c> by the services).</summary>
public sealed class GitSourceOptions
{
    /// <summary>Where the bare cache repositories live, one per repository URL.</summary>
    public string CacheDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "homelab", "git-cache");

    /// <summary>Upper bound for one remote operation (Flux's GitRepository default: 60 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Remote operations running at once against one repository; more wait their turn.</summary>
    public int MaxConcurrencyPerRepository { get; set; } = 1;

    /// <summary>Attempts for an operation that fails transiently (network, server, timeout); 1 = no retry.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; doubled for each further one up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Canonical repository URL → URL actually fetched (dev mode: a local checkout).</summary>
    public List<Mapping.UrlMapping> UrlMappings { get; set; } = [];

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(CacheDirectory))
        {
            throw new InvalidOperationException("Git:CacheDirectory must be set");
        }

        if (Timeout <= TimeSpan.Zero || MaxConcurrencyPerRepository < 1 || MaxAttempts < 1 || RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            throw new InvalidOperationException("Git options: Timeout must be positive, MaxConcurrencyPerRepository and MaxAttempts at least 1, and 0 <= RetryDelay <= MaxRetryDelay");
        }
    }
}
