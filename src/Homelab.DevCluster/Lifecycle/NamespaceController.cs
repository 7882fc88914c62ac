using System.Text.Json.Nodes;
using Homelab.DevCluster.Handlers;
using Homelab.DevCluster.Storage;

namespace Homelab.DevCluster.Lifecycle;

/// <summary>
/// Namespace deletion: a terminating namespace has its contents deleted; once nothing is left, its
/// <c>kubernetes</c> finalizer is removed and the namespace goes away.
/// </summary>
internal sealed class NamespaceController(ResourceOperations operations)
{
    public void Observe(WatchEvent e)
    {
        var namespaces = operations.NamespaceResource;
        string? ns = e.StorageKey == namespaces.StorageKey ? e.Object.Name : e.Object.Namespace;
        if (ns is null || e.Type == WatchEvent.Deleted && e.StorageKey == namespaces.StorageKey)
        {
            return;
        }

        var stored = operations.Store.Get(namespaces, null, ns);
        if (stored is null || stored.ToNode()["metadata"]?["deletionTimestamp"] is null)
        {
            return;
        }

        foreach (var type in operations.Registry.All.Where(t => t.Namespaced).DistinctBy(t => t.StorageKey))
        {
            foreach (var item in operations.Store.List(type, ns).Items)
            {
                if (item.ToNode()["metadata"]?["deletionTimestamp"] is null)
                {
                    try
                    {
                        operations.Delete(type, ns, item.Name, DeleteOptions.Default, WriteOptions.System("namespace-controller"));
                    }
                    catch (Errors.ApiException)
                    {
                        // Gone already.
                    }
                }
            }
        }

        // Objects held by finalizers keep the namespace until they are gone (their DELETED events bring us back here).
        if (operations.Registry.All.Where(t => t.Namespaced).DistinctBy(t => t.StorageKey).Any(t => operations.Store.List(t, ns).Items.Count > 0))
        {
            return;
        }

        try
        {
            operations.Patch(
                namespaces,
                null,
                ns,
                live =>
                {
                    (live!["spec"] as JsonObject)?.Remove("finalizers");
                    return live;
                },
                WriteOptions.System("namespace-controller"),
                createIfMissing: false,
                managedFieldsDone: false);
        }
        catch (Errors.ApiException)
        {
            // Deleted meanwhile.
        }
    }
}
