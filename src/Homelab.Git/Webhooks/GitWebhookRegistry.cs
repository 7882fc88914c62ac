using System.Collections.Concurrent;

namespace Homelab.Git.Webhooks;

/// <summary>
/// The receivers the webhook endpoint answers to, by route name. Reconcilers add and remove them as
/// Receiver objects (or configuration) come and go.
/// </summary>
public sealed class GitWebhookRegistry
{
    private readonly ConcurrentDictionary<string, WebhookReceiver> _receivers = new(StringComparer.Ordinal);

    public void Set(WebhookReceiver receiver) => _receivers[receiver.Name] = receiver;

    public bool Remove(string name) => _receivers.TryRemove(name, out _);

    public WebhookReceiver? Find(string name) => _receivers.GetValueOrDefault(name);
}
