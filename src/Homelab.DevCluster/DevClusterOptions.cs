namespace Homelab.DevCluster;

/// <summary>How to run a dev cluster. The defaults suit tests: a random loopback port and a temporary kubeconfig.</summary>
public sealed record DevClusterOptions
{
    /// <summary>Loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Where to write the kubeconfig; null writes one in a temporary folder removed on dispose.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>How long until simulated workloads report ready (annotations can override per object).</summary>
    public TimeSpan SimulatorDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Largest accepted request body (the real API server's limit is 3 MiB).</summary>
    public long MaxRequestBodyBytes { get; init; } = 3 * 1024 * 1024;

    public int MaxObjectsPerNamespace { get; init; } = 10_000;

    /// <summary>How many recent events a watch can resume from before it gets 410 Expired.</summary>
    public int WatchHistorySize { get; init; } = 10_000;

    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed for fault-injection randomness, so error rates are reproducible.</summary>
    public int FaultSeed { get; init; } = 1;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "port must be 0–65535");
        }

        if (MaxRequestBodyBytes <= 0 || MaxObjectsPerNamespace <= 0 || WatchHistorySize <= 0)
        {
            throw new ArgumentException("limits must be positive");
        }

        if (SimulatorDelay < TimeSpan.Zero || BookmarkInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("SimulatorDelay must not be negative and BookmarkInterval must be positive");
        }
    }
}
