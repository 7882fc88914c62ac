using System.Text.Json.Nodes;
using Homelab.Controllers;
using Homelab.Kubernetes.Caching;

namespace Homelab.Applications.Applications;

/// <summary>Which Application watch events wake the controller.</summary>
public static class ApplicationEvents
{
    /// <summary>
    /// The default rules (spec, annotations, deletion; not status) plus a change of the top-level
    /// <c>operation</c> field, which <c>kubectl patch</c> and the API set to request a sync.
    /// </summary>
    public static bool ShouldEnqueue(CacheEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return EventFilters.Default(e)
            || (e.Previous is not null && !JsonNode.DeepEquals(e.Object.Get("operation"), e.Previous.Get("operation")));
    }
}
