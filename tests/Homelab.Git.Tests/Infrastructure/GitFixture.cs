using Homelab.Git.Fetching;

namespace Homelab.Git.Tests.Infrastructure;

/// <summary>A temp directory with a test repository and a client whose cache lives inside it.</summary>
public sealed class GitFixture : IDisposable
{
    public GitFixture(TimeProvider? timeProvider = null, Action<GitSourceOptions>? configure = null, TestRepository? repository = null)
    {
        Options = new GitSourceOptions
        {
            CacheDirectory = Temp.Sub("cache"),
            Timeout = TimeSpan.FromSeconds(30),
            MaxAttempts = 1,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(Options);
        Repository = repository ?? new TestRepository(Temp.Sub("served"));
        Client = new GitSourceClient(Options, timeProvider ?? TimeProvider.System);
    }

    public TempDirectory Temp { get; } = new();

    public GitSourceOptions Options { get; }

    public TestRepository Repository { get; }

    public GitSourceClient Client { get; }

    public long LsRemotes => Client.Counters.Count(GitOperationKind.LsRemote);

    public long Fetches => Client.Counters.Count(GitOperationKind.Fetch);

    public void Dispose()
    {
        Client.Dispose();
        Client.Counters.Dispose();
        Temp.Dispose();
    }
}
