using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Homelab.Api.Applications.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Homelab.Applications.Tests.Fixtures;

/// <summary>One started application service: its gRPC client (with the API token), its addresses, and a stop.</summary>
public sealed class RunningService(WebApplication app, Uri http, Uri grpc, string token) : IAsyncDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(grpc);

    public WebApplication App { get; } = app;

    public Uri Http { get; } = http;

    public Uri Grpc { get; } = grpc;

    public string Token { get; } = token;

    /// <summary>A client that sends no token (reads only).</summary>
    public ApplicationService.ApplicationServiceClient Anonymous => new(_channel);

    /// <summary>A client that sends the configured bearer token.</summary>
    public ApplicationService.ApplicationServiceClient Client => new(_channel.Intercept(new BearerTokenInterceptor(Token)));

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async Task StopAsync()
    {
        await App.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
