namespace Homelab.Kubernetes.Client;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
}
