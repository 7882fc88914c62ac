using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Caching;

/// <summary>A change the cache saw: the object now (for Deleted, its last known state) and what it replaced.</summary>
public sealed record CacheEvent(CacheEventType Type, KubeObject Object, KubeObject? Previous);
