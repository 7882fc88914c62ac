namespace Homelab.Kubernetes.Caching;

public enum CacheEventType
{
    Added,
    Updated,
    Deleted,
}
