using System.Text.Json.Nodes;

namespace Homelab.Kubernetes.Client;

/// <summary>One watch event. For BOOKMARK only <c>metadata.resourceVersion</c> (and annotations) are meaningful.</summary>
public sealed record WatchEvent(WatchEventType Type, JsonObject Object)
{
    public string? ResourceVersion => Object["metadata"]?["resourceVersion"]?.GetValue<string>();

    /// <summary>The WatchList bookmark that closes the initial ADDED events.</summary>
    public bool IsInitialEventsEnd =>
        Type == WatchEventType.Bookmark && Object["metadata"]?["annotations"]?["k8s.io/initial-events-end"]?.GetValue<string>() == "true";
}
