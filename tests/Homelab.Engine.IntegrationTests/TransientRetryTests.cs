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
        for (var i = 0; i < 100 && !run.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            await Task.Yield();
        }

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
        for (var i = 0; i < 100 && !run.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        Assert.Equal("ok", await run);
        Assert.Equal(3, attempts);
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
