using Homelab.Manifests.Objects;

namespace Homelab.Engine.Sync;

/// <summary>An object to wait for, and the resourceVersion our write produced (the cache must have caught up to it).</summary>
public sealed record HealthTarget(ObjectId Id, string? ResourceVersion);
