using System.Text.Json.Nodes;
using Homelab.Kubernetes.Caching;
using Homelab.Manifests.Objects;

namespace Homelab.Controllers;

/// <summary>Which watch events should wake a controller.</summary>
public static class EventFilters
{
    /// <summary>
    /// Adds and deletes always; an update only when the spec changed (<c>metadata.generation</c>), an
    /// annotation changed (e.g. <c>reconcile.fluxcd.io/requestedAt</c>, Argo's refresh) or deletion
    /// began. Status-only updates are ignored, or every status write would wake the object again.
    /// A kind without a generation wakes on any change outside status and resourceVersion bookkeeping.
    /// </summary>
    public static bool Default(CacheEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Type != CacheEventType.Updated || e.Previous is null)
        {
            return true;
        }

        var now = e.Object;
        var before = e.Previous;
        var generation = now.Get("metadata", "generation");
        var previousGeneration = before.Get("metadata", "generation");
        if (generation is null && previousGeneration is null)
        {
            return !JsonNode.DeepEquals(WithoutBookkeeping(now), WithoutBookkeeping(before));
        }

        return !JsonNode.DeepEquals(generation, previousGeneration)
            || !JsonNode.DeepEquals(now.Get("metadata", "annotations"), before.Get("metadata", "annotations"))
            || !JsonNode.DeepEquals(now.Get("metadata", "deletionTimestamp"), before.Get("metadata", "deletionTimestamp"));
    }

    private static JsonObject WithoutBookkeeping(KubeObject obj)
    {
        var copy = obj.Body.DeepClone().AsObject();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("resourceVersion");
            metadata.Remove("managedFields");
        }

        return copy;
    }
}
