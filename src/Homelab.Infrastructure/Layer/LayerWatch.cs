using System.Threading.Channels;
using Grpc.Core;
using Homelab.Api.Infrastructure.V1;
using Homelab.Infrastructure.ApiService;
using Homelab.Infrastructure.Sources;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Discovery;

namespace Homelab.Infrastructure.Layer;

/// <summary>
/// <c>WatchLayer</c>: the layer's readiness at once (<c>known=false</c> until the Kustomization cache is
/// synced), then again whenever it changes. Changes wake one pending evaluation (a burst of events
/// collapses into it) and it runs as soon as the previous message is written — so a flip is streamed
/// within milliseconds and never repeated when nothing changed.
/// </summary>
public static class LayerWatch
{
    private static readonly TimeSpan CrdRetry = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(
        ClusterCache cache,
        IReadOnlyList<ObjectRef> requested,
        TimeProvider time,
        IServerStreamWriter<LayerStatus> stream,
        CancellationToken cancellationToken)
    {
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        using var subscription = cache.Subscribe(e =>
        {
            if (e.Object.Kind == FluxKinds.Kustomization && e.Object.Group == FluxKinds.KustomizeGroup)
            {
                wake.Writer.TryWrite(true);
            }
        });

        ResourceInformer? informer = null;
        LayerStatus? last = null;
        while (true)
        {
            informer ??= await TryWatchAsync(cache, wake.Writer, cancellationToken);
            var current = LayerReadiness.Evaluate(informer is { IsSynced: true } ? informer.List() : null, requested, time.GetUtcNow());
            if (last is null || !LayerReadiness.SameAs(last, current))
            {
                await stream.WriteAsync(current, cancellationToken);
                last = current;
            }

            if (informer is null)
            {
                // The Kustomization CRD is not served yet (still being installed): look again shortly.
                await Task.WhenAny(wake.Reader.WaitToReadAsync(cancellationToken).AsTask(), Task.Delay(CrdRetry, time, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
                wake.Reader.TryRead(out _);
                continue;
            }

            await wake.Reader.ReadAsync(cancellationToken);
        }
    }

    private static async Task<ResourceInformer?> TryWatchAsync(ClusterCache cache, ChannelWriter<bool> wake, CancellationToken cancellationToken)
    {
        try
        {
            var informer = await cache.WatchAsync(FluxKinds.KustomizeGroup, FluxKinds.Kustomization, cancellationToken);
            if (!informer.IsSynced)
            {
                _ = informer.Synced.ContinueWith(_ => wake.TryWrite(true), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return informer;
        }
        catch (UnknownKindException)
        {
            return null;
        }
    }
}

