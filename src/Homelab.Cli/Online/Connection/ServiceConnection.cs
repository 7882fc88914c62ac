using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Homelab.Cli.Online.Connection;

/// <summary>
/// A gRPC channel to one service with the token attached to every call, and the one place calls are
/// made so every failure is mapped to a clear message.
/// </summary>
public sealed class ServiceConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    public ServiceConnection(ServiceTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        _channel = GrpcChannel.ForAddress(target.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
        var token = target.Token;
        Invoker = token is null
            ? _channel.CreateCallInvoker()
            : _channel.Intercept(metadata =>
            {
                metadata.Add("authorization", $"Bearer {token}");
                return metadata;
            });
    }

    public ServiceTarget Target { get; }

    public CallInvoker Invoker { get; }

    /// <summary>Runs a unary call; an <see cref="RpcException"/> becomes a <see cref="CommandFailedException"/> about <paramref name="subject"/>.</summary>
    public async Task<T> CallAsync<T>(string subject, Func<CallOptions, AsyncUnaryCall<T>> call, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            using var response = call(Options(cancellationToken, timeout ?? TimeSpan.FromMinutes(1)));
            return await response.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Failure(e, subject, cancellationToken);
        }
    }

    /// <summary>Reads a server stream to its end (or until <paramref name="onItem"/> returns false).</summary>
    public async Task StreamAsync<T>(string subject, Func<CallOptions, AsyncServerStreamingCall<T>> call, Func<T, Task<bool>> onItem, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(onItem);
        try
        {
            using var stream = call(Options(cancellationToken, timeout));
            while (await stream.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                if (!await onItem(stream.ResponseStream.Current).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (RpcException e)
        {
            throw Failure(e, subject, cancellationToken);
        }
    }

    public void Dispose() => _channel.Dispose();

    /// <summary>A call cut short by Ctrl+C is a cancellation, not a server error.</summary>
    private Exception Failure(RpcException error, string subject, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? new OperationCanceledException(cancellationToken)
            : RpcErrors.Map(error, Target, subject);

    private static CallOptions Options(CancellationToken cancellationToken, TimeSpan? timeout) =>
        new(deadline: timeout is { } t ? DateTime.UtcNow + t : null, cancellationToken: cancellationToken);
}
