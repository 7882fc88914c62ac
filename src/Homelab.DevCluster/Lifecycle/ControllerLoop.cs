using System.Threading.Channels;
using Homelab.DevCluster.Simulator;
using Homelab.DevCluster.Storage;
using Microsoft.Extensions.Logging;

namespace Homelab.DevCluster.Lifecycle;

/// <summary>
/// Runs the in-process controllers (garbage collector, namespace lifecycle, status simulator) on one
/// queue fed by the store's change events, so they see changes in order and never block a writer.
/// </summary>
internal sealed class ControllerLoop(
    ObjectStore store,
    GarbageCollector garbageCollector,
    NamespaceController namespaces,
    StatusSimulator simulator,
    ILogger logger) : IAsyncDisposable
{
    private readonly Channel<WatchEvent> _queue = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
    private Task _loop = Task.CompletedTask;

    public void Start()
    {
        store.Changed += Enqueue;
        _loop = Task.Run(RunAsync);
    }

    private void Enqueue(WatchEvent e) => _queue.Writer.TryWrite(e);

    private async Task RunAsync()
    {
        await foreach (var e in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                garbageCollector.Observe(e);
                namespaces.Observe(e);
                simulator.Observe(e);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A controller failing on one object must not stop the others.
                logger.LogWarning(ex, "controller failed on {Type} {Key}", e.Type, e.Object.Key);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        store.Changed -= Enqueue;
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
