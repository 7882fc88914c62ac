using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Homelab.Api.Infrastructure.V1;
using Homelab.Kubernetes.Caching;
using Homelab.Web.Backends;
using Microsoft.Extensions.Logging;

namespace Homelab.Web.Live;

/// <summary>
/// Tells open pages what changed, for the Server-Sent Events stream: Applications from the watch cache the
/// application service already keeps, Flux objects from the infrastructure service's <c>Watch</c> stream.
/// It starts with the first subscriber (no UI open: no cost) and keeps the infrastructure stream alive,
/// reconnecting after a pause. A slow page loses old notices, never blocks the feed: pages refetch anyway.
/// </summary>
internal sealed class ChangeFeed(ClusterCache cache, ControlPlaneClients clients, TimeProvider time, ILogger<ChangeFeed> logger) : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectPause = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Channel<ChangeNotice>, byte> _subscribers = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startLock = new();
    private Task? _running;

    public ChannelReader<ChangeNotice> Subscribe(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<ChangeNotice>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers[channel] = 0;
        cancellationToken.Register(() =>
        {
            _subscribers.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
        EnsureStarted();
        return channel.Reader;
    }

    private void EnsureStarted()
    {
        lock (_startLock)
        {
            _running ??= Task.WhenAll(WatchApplicationsAsync(_stopping.Token), WatchInfrastructureAsync(_stopping.Token));
        }
    }

    private void Publish(ChangeNotice notice)
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(notice);
        }
    }

    private async Task WatchApplicationsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // The cache's informer keeps its own watch alive; the subscription lasts until the feed stops.
                var informer = await cache.WatchAsync("argoproj.io", "Application", cancellationToken);
                using var subscription = informer.Subscribe(e => Publish(new ChangeNotice(ChangeNotice.Applications, "Application", e.Object.Namespace ?? "", e.Object.Name)));
                await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // E.g. the Application kind is not served yet (CRDs being installed): try again shortly.
                logger.LogDebug(e, "application watch for the web UI failed; retrying");
                if (!await PauseAsync(cancellationToken))
                {
                    return;
                }
            }
        }
    }

    /// <returns>False when the feed is stopping.</returns>
    private async Task<bool> PauseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(ReconnectPause, time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task WatchInfrastructureAsync(CancellationToken cancellationToken)
    {
        var client = clients.Infrastructure;
        if (client is null)
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var call = client.Watch(new ListRequest { Kinds = { "Kustomization", "HelmRelease" } }, clients.Reads(cancellationToken));
                await foreach (var change in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    var reference = change.Object?.Ref;
                    Publish(new ChangeNotice(ChangeNotice.Infrastructure, reference?.Kind ?? "", reference?.Namespace ?? "", reference?.Name ?? ""));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e)
            {
                logger.LogDebug("infrastructure watch for the web UI ended ({Status}); reconnecting", e.StatusCode);
            }

            if (!await PauseAsync(cancellationToken))
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        _stopping.Dispose();
    }
}
