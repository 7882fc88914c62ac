using System.Text.Json.Nodes;
using Homelab.Api.Applications.V1;
using Homelab.Api.Common.V1;
using Homelab.Kubernetes.Caching;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Api;

/// <summary>
/// The resource tree of <c>argocd app get</c>: the managed resources from <c>status.resources</c>, then,
/// following <c>ownerReferences</c>, the objects they own (ReplicaSets, Pods, …) — only among kinds the
/// watch cache already holds, so building it never costs an API request.
/// </summary>
internal static class ResourceTree
{
    public static IReadOnlyList<ResourceNode> Build(KubeObject application, ClusterCache cache)
    {
        var informers = cache.Informers.Where(i => i.IsSynced).ToList();
        var nodes = new List<ResourceNode>();
        var frontier = new Dictionary<string, ResourceRef>(StringComparer.Ordinal);
        foreach (var resource in ApplicationMapper.Objects(application.Get("status", "resources")))
        {
            var reference = ApplicationMapper.Ref(resource);
            var live = informers.FirstOrDefault(i => i.Type.Group == reference.Group && i.Type.Kind == reference.Kind)
                ?.Get(reference.Namespace.Length == 0 ? null : reference.Namespace, reference.Name);
            var uid = live?.GetString("metadata", "uid") ?? "";
            nodes.Add(new ResourceNode { Resource = reference, HealthStatus = (resource["health"] as JsonObject)?["status"]?.GetValue<string>() ?? "", Uid = uid });
            if (uid.Length > 0)
            {
                frontier[uid] = reference;
            }
        }

        // Breadth-first down the ownership chain; the seen set guards against cycles.
        var seen = new HashSet<string>(frontier.Keys, StringComparer.Ordinal);
        while (frontier.Count > 0)
        {
            var next = new Dictionary<string, ResourceRef>(StringComparer.Ordinal);
            foreach (var informer in informers)
            {
                foreach (var obj in informer.List())
                {
                    var parents = ApplicationMapper.Objects(obj.Get("metadata", "ownerReferences"))
                        .Select(o => o["uid"]?.GetValue<string>())
                        .Where(uid => uid is not null && frontier.ContainsKey(uid))
                        .Select(uid => frontier[uid!])
                        .ToList();
                    var uid = obj.GetString("metadata", "uid") ?? "";
                    if (parents.Count == 0 || !seen.Add(uid))
                    {
                        continue;
                    }

                    var reference = new ResourceRef { Group = obj.Group, Version = obj.Version, Kind = obj.Kind, Namespace = obj.Namespace ?? "", Name = obj.Name };
                    var node = new ResourceNode { Resource = reference, Uid = uid };
                    node.Parents.AddRange(parents);
                    nodes.Add(node);
                    next[uid] = reference;
                }
            }

            frontier = next;
        }

        return nodes;
    }
}
