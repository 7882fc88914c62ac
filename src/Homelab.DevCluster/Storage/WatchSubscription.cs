using System.Threading.Channels;

namespace Homelab.DevCluster.Storage;

/// <summary>
/// One watcher's queue of events. The store writes into it while holding its lock, so events arrive
/// in revision order; the watch handler drains it at its own pace.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<WatchSubscription> _unsubscribe;

    internal WatchSubscription(string storageKey, string? ns, Action<WatchSubscription> unsubscribe)
    {
        StorageKey = storageKey;
        Namespace = ns;
        _unsubscribe = unsubscribe;
    }

    public string StorageKey { get; }

    public string? Namespace { get; }

    public ChannelReader<WatchEvent> Events => _events.Reader;

    internal bool Wants(WatchEvent e) =>
        e.StorageKey == StorageKey && (Namespace is null || e.Object.Namespace == Namespace);

    internal void Publish(WatchEvent e) => _events.Writer.TryWrite(e);

    /// <summary>Ends the stream, as when the server drops every watch.</summary>
    internal void Close() => _events.Writer.TryComplete();

    public void Dispose()
    {
        _unsubscribe(this);
        Close();
    }
}
