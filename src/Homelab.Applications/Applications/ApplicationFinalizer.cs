using System.Text.Json.Nodes;
using Homelab.Applications.Comparison;
using Homelab.Engine.Inventory;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Applications;

/// <summary>
/// Argo CD's cascade delete: while an Application being deleted carries
/// <c>resources-finalizer.argocd.argoproj.io</c> (foreground; or its <c>/foreground</c> and <c>/background</c>
/// variants), every object it manages — listed in its status and carrying its tracking id — is deleted,
/// and the finalizer is removed once they are gone. Without the finalizer only the Application goes.
/// </summary>
public sealed class ApplicationFinalizer(ClusterCache cache, IClusterClient client, ApplicationComparer comparer)
{
    public const string Finalizer = "resources-finalizer.argocd.argoproj.io";

    /// <returns>True when nothing is left to do for this Application.</returns>
    public async Task<bool> FinalizeAsync(KubeObject app, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        var finalizers = (app.Get("metadata", "finalizers") as JsonArray ?? []).Select(f => f?.GetValue<string>() ?? "").ToList();
        var ours = finalizers.FirstOrDefault(f => f == Finalizer || f.StartsWith(Finalizer + "/", StringComparison.Ordinal));
        if (ours is null)
        {
            return true;
        }

        var propagation = ours.EndsWith("/background", StringComparison.Ordinal) ? "Background" : "Foreground";
        var mark = new ArgoOwnerMark(comparer.InstanceName(app));
        var remaining = 0;
        foreach (var id in TrackedInventory.Read(app))
        {
            if (!client.Discovery.TryResolve(id.Group, id.Kind, null, out _))
            {
                continue;
            }

            var informer = await cache.WatchAsync(id.Group, id.Kind, ct);
            await informer.Synced.WaitAsync(ct);
            var live = informer.Get(id.Namespace, id.Name);
            if (live is null || !mark.IsMarked(live))
            {
                continue;
            }

            remaining++;
            if (live.Get("metadata", "deletionTimestamp") is null)
            {
                await client.DeleteAsync(ObjectReference.From(live), new DeleteOptions(propagation), ct);
            }
        }

        if (remaining > 0)
        {
            return false;
        }

        var kept = new JsonArray([.. finalizers.Where(f => f != ours).Select(f => (JsonNode?)JsonValue.Create(f))]);
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = kept } };
        try
        {
            await client.PatchAsync(ObjectReference.From(app), patch.ToJsonString(), PatchType.Merge, new WriteOptions(), ct);
        }
        catch (Kubernetes.Errors.NotFoundException)
        {
            // Already gone.
        }

        return true;
    }
}
