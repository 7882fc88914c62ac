using Grpc.Core;
using Grpc.Net.Client;
using Homelab.Api.Infrastructure.V1;
using Homelab.Controllers.Hosting;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Gating;

/// <summary>
/// Follows the infrastructure service's <c>WatchLayer</c> stream (one stream for the whole layer) and
/// answers <see cref="Check"/> from the last status. While the service is unreachable the gate is closed
/// with "status unknown"; it reconnects with capped exponential backoff. Its own channel, not the
/// resilient HttpClient defaults, because their total-request timeout would cut a stream that is meant
/// to stay open.
/// </summary>
internal sealed class InfrastructureLayerGate : ILayerGate, IHostedService, IDisposable
{
    private static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(15);

    private readonly Uri _address;
    private readonly Metadata _credentials;
    private readonly TimeProvider _time;
    private readonly ILogger<InfrastructureLayerGate> _logger;
    private readonly Lock _lock = new();
    private readonly List<Action> _subscribers = [];
    private readonly CancellationTokenSource _stopping = new();
    private LayerView _view;
    private Task? _loop;

    public InfrastructureLayerGate(Uri address, ServiceToken token, TimeProvider time, ILogger<InfrastructureLayerGate> logger)
    {
        _address = address;
        _credentials = token.Headers();
        _time = time;
        _logger = logger;
        _view = new LayerView(null, $"no answer from the infrastructure service at {address} yet");
    }

    public LayerGateDecision Check(KubeObject application) => LayerGateEvaluator.Decide(Volatile.Read(ref _view), application);

    public IDisposable Subscribe(Action onChange)
    {
        lock (_lock)
        {
            _subscribers.Add(onChange);
        }

        return new Subscription(this, onChange);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => FollowAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(_address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                // Notice a dead server on an idle stream, and never time the stream itself out.
                KeepAlivePingDelay = TimeSpan.FromSeconds(20),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            },
        });
        var client = new InfrastructureService.InfrastructureServiceClient(channel);
        var backoff = InitialBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var call = client.WatchLayer(new WatchLayerRequest(), _credentials, cancellationToken: cancellationToken);
                await foreach (var status in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    backoff = InitialBackoff;
                    Publish(new LayerView(status, null));
                }

                Publish(new LayerView(null, $"the infrastructure service at {_address} ended the layer stream"));
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
                _logger.LogDebug("Infrastructure layer stream from {Address} failed: {Status}", _address, e.Status);
                Publish(new LayerView(null, $"infrastructure service unreachable at {_address}: {e.StatusCode}"));
            }

            try
            {
                await Task.Delay(backoff, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private void Publish(LayerView view)
    {
        var previous = Interlocked.Exchange(ref _view, view);
        if (previous.Status is null && view.Status is null && previous.Problem == view.Problem)
        {
            return;
        }

        if (previous.Status is not null && view.Status is null)
        {
            _logger.LogWarning("Infrastructure layer status lost; applications wait: {Problem}", view.Problem);
        }
        else if (previous.Status is null && view.Status is not null)
        {
            _logger.LogInformation("Infrastructure layer status received from {Address}", _address);
        }

        Action[] subscribers;
        lock (_lock)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber();
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "A layer gate subscriber failed");
            }
        }
    }

    private sealed class Subscription(InfrastructureLayerGate owner, Action onChange) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._subscribers.Remove(onChange);
            }
        }
    }
}
