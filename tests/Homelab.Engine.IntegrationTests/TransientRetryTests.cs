using System.Net;
using Homelab.Engine.Sync;
using Homelab.Kubernetes.Errors;
using Microsoft.Extensions.Time.Testing;

namespace Homelab.Engine.IntegrationTests;

/// <summary>Retries are bounded and only for transient failures (on fake time: no real waiting).</summary>
public sealed class TransientRetryTests
{
    [Fact]
    public async Task ATransientFailureIsRetriedUpToTheLimitThenSurfaces()
    {
        var time = new FakeTimeProvider();
        var retry = new TransientRetry(time, maxAttempts: 4);
        var attempts = 0;

        var run = retry.RunAsync<int>(_ =>
        {
            attempts++;
            throw new TransientApiException(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "try later", [], null);
        }, CancellationToken.None);
        await AdvanceUntilDoneAsync(time, run, TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<TransientApiException>(() => run);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task ATransientFailureThatClearsSucceeds()
    {
        var time = new FakeTimeProvider();
        var retry = new TransientRetry(time);
        var attempts = 0;

        var run = retry.RunAsync(_ => ++attempts < 3
            ? throw new TransientApiException(HttpStatusCode.TooManyRequests, "TooManyRequests", "slow down", [], TimeSpan.FromSeconds(1))
            : Task.FromResult("ok"), CancellationToken.None);
        await AdvanceUntilDoneAsync(time, run, TimeSpan.FromSeconds(1));

        Assert.Equal("ok", await run);
        Assert.Equal(3, attempts);
    }

    /// <summary>
    /// Moves fake time on until the retry loop finishes. The loop's next delay is registered on a
    /// thread-pool continuation, so a fixed number of steps can outrun it on a busy machine; the
    /// real-time deadline bounds the wait instead, and a run that never finishes fails the test.
    /// </summary>
    private static async Task AdvanceUntilDoneAsync(FakeTimeProvider time, Task run, TimeSpan step)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!run.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(step);
            await Task.WhenAny(run, Task.Delay(5));
        }

        Assert.True(run.IsCompleted, "the retry loop did not finish within 30 s");
    }

    [Fact]
    public async Task APermanentFailureIsNotRetried()
    {
        var retry = new TransientRetry(new FakeTimeProvider());
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidException>(() => retry.RunAsync<int>(_ =>
        {
            attempts++;
            throw new InvalidException(HttpStatusCode.UnprocessableEntity, "Invalid", "spec.replicas: Invalid value", []);
        }, CancellationToken.None));
        Assert.Equal(1, attempts);
    }
}
