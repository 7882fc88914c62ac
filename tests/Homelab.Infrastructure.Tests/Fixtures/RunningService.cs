using Grpc.Core;
using Grpc.Net.Client;
using Homelab.Api.Infrastructure.V1;
using Microsoft.AspNetCore.Builder;

namespace Homelab.Infrastructure.Tests.Fixtures;

/// <summary>
/// The real infrastructure service running in-process on loopback, with gRPC clients that do and do not
/// carry the API token.
/// </summary>
public sealed class RunningService : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly GrpcChannel _anonymousChannel;
    private int _stopped;

    internal RunningService(WebApplication app, Uri http, Uri grpc, string token)
    {
        App = app;
        HttpAddress = http;
        GrpcAddress = grpc;
        var withToken = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        _channel = GrpcChannel.ForAddress(grpc, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, withToken),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
        _anonymousChannel = GrpcChannel.ForAddress(grpc);
        Client = new InfrastructureService.InfrastructureServiceClient(_channel);
        AnonymousClient = new InfrastructureService.InfrastructureServiceClient(_anonymousChannel);
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>The HTTP/1.1 endpoint: /metrics, /health, /alive, /hooks.</summary>
    public Uri HttpAddress { get; }

    public Uri GrpcAddress { get; }

    /// <summary>Sends the API token on every call.</summary>
    public InfrastructureService.InfrastructureServiceClient Client { get; }

    /// <summary>Sends no token.</summary>
    public InfrastructureService.InfrastructureServiceClient AnonymousClient { get; }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _channel.Dispose();
        _anonymousChannel.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
