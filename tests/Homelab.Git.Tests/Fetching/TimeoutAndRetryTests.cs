using Homelab.Git.Fetching;
using Homelab.Git.Refs;
using Homelab.Git.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Homelab.Git.Tests.Fetching;

/// <summary>Timeouts, cancellation, the per-repository gate and retry backoff, with only time faked.</summary>
public sealed class TimeoutAndRetryTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly FakeTimeProvider _time = new();
    private readonly GitFixture _git;
    private readonly HungServer _hung = new();

    public TimeoutAndRetryTests()
    {
        _git = new GitFixture(_time, o =>
        {
            o.Timeout = TimeSpan.FromSeconds(60);
            o.MaxAttempts = 3;
            o.RetryDelay = TimeSpan.FromSeconds(1);
            o.MaxRetryDelay = TimeSpan.FromSeconds(30);
        });
    }

    public void Dispose()
    {
        _hung.Dispose();
        _git.Dispose();
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_after_the_configured_timeout()
    {
        var options = new GitSourceOptions { CacheDirectory = _git.Temp.Sub("c"), Timeout = TimeSpan.FromSeconds(60), MaxAttempts = 1 };
        using var client = new GitSourceClient(options, _time);
        var sync = client.SyncAsync(new GitSourceRequest(_hung.Url, RefSelector.DefaultBranch), null, CancellationToken.None);
        Assert.True(SpinWait.SpinUntil(() => _hung.Accepted > 0, Wait), "the client never connected");

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(sync.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<GitSourceException>(() => sync.WaitAsync(Wait));
        Assert.Equal(GitFailureReason.Timeout, error.Reason);
        Assert.Contains("timed out after 60 s", error.Message);
    }

    [Fact]
    public async Task Cancellation_returns_promptly_even_while_the_native_call_is_blocked()
    {
        using var cts = new CancellationTokenSource();
        var sync = _git.Client.SyncAsync(new GitSourceRequest(_hung.Url, RefSelector.DefaultBranch), null, cts.Token);
        Assert.True(SpinWait.SpinUntil(() => _hung.Accepted > 0, Wait), "the client never connected");

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync.WaitAsync(Wait));
    }

    [Fact]
    public async Task Operations_on_one_repository_wait_for_the_gate_while_other_repositories_proceed()
    {
        using var cts = new CancellationTokenSource();
        var stuck = _git.Client.SyncAsync(new GitSourceRequest(_hung.Url, RefSelector.DefaultBranch), null, cts.Token);
        Assert.True(SpinWait.SpinUntil(() => _hung.Accepted > 0, Wait));

        using var queuedCts = new CancellationTokenSource();
        var queued = _git.Client.SyncAsync(new GitSourceRequest(_hung.Url, RefSelector.DefaultBranch), null, queuedCts.Token);
        _git.Repository.Commit("one", ("a.yaml", "a: 1\n"));
        _git.Repository.Push();
        var other = await _git.Client.SyncAsync(new GitSourceRequest(_git.Repository.FileUrl, RefSelector.DefaultBranch), null, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal("main", other.Revision.RefName);
        Assert.Equal(1, _hung.Accepted);
        Assert.Equal(1, _git.Client.Counters.Count(_hung.Url, GitOperationKind.LsRemote));
        queuedCts.Cancel();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Wait));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stuck.WaitAsync(Wait));
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_exponential_backoff_on_the_injected_clock()
    {
        // Nothing listens on a port we just released: connection refused, a transient failure.
        var url = $"http://127.0.0.1:{FreePort.Pick()}/gone.git";
        var start = _time.GetUtcNow();
        var sync = _git.Client.SyncAsync(new GitSourceRequest(url, RefSelector.DefaultBranch), null, CancellationToken.None);
        long Attempts() => _git.Client.Counters.Count(url, GitOperationKind.LsRemote);

        var retriedAt = new List<TimeSpan>();
        for (var attempt = 2; attempt <= 3; attempt++)
        {
            Assert.True(SpinWait.SpinUntil(() => Attempts() == attempt - 1, Wait));
            while (!SpinWait.SpinUntil(() => Attempts() == attempt, TimeSpan.FromMilliseconds(100)))
            {
                _time.Advance(TimeSpan.FromMilliseconds(250));
            }

            retriedAt.Add(_time.GetUtcNow() - start);
        }

        var error = await Assert.ThrowsAsync<GitSourceException>(() => sync.WaitAsync(Wait));
        Assert.Equal(GitFailureReason.Transport, error.Reason);
        Assert.Equal(3, Attempts());
        Assert.InRange(retriedAt[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
        Assert.InRange(retriedAt[1], TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.5));
    }

    [Fact]
    public void Backoff_doubles_and_is_capped()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), _time);

        Assert.Equal(
            new[] { 1, 2, 4, 5, 5 }.Select(s => TimeSpan.FromSeconds(s)),
            Enumerable.Range(2, 5).Select(policy.DelayBefore));
    }
}
