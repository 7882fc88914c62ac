using Homelab.Api.Common.V1;
using Homelab.Api.Infrastructure.V1;
using Homelab.Engine.Inventory;
using Homelab.Infrastructure.Sources;
using Homelab.Kubernetes.Caching;
using Homelab.Manifests;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.ApiService;

/// <summary>
/// <c>flux tree</c>: a Kustomization's <c>status.inventory</c>, nested through the Kustomizations and
/// HelmReleases it applied whose own inventory is known. Each object appears once on a path (no cycles).
/// </summary>
public static class InventoryTree
{
    /// <param name="lookup">Finds a nested Kustomization or HelmRelease in the cache (null: unknown).</param>
    /// <exception cref="ManifestException">The root's inventory is malformed.</exception>
    public static TreeNode Build(KubeObject root, Func<ObjectId, KubeObject?> lookup) =>
        Build(root, root.Version, lookup, []);

    private static TreeNode Build(KubeObject obj, string version, Func<ObjectId, KubeObject?> lookup, HashSet<ObjectId> path)
    {
        var node = new TreeNode { Resource = Resource(obj.Id, version) };
        path.Add(obj.Id);
        foreach (var entry in FluxInventory.FromStatus(obj.Get("status", "inventory")).Entries)
        {
            var id = entry.ObjectId;
            if (IsNestable(id) && !path.Contains(id) && lookup(id) is { } child && child.Get("status", "inventory") is not null)
            {
                node.Children.Add(TryBuild(child, entry.Version, lookup, path) ?? new TreeNode { Resource = Resource(id, entry.Version) });
            }
            else
            {
                node.Children.Add(new TreeNode { Resource = Resource(id, entry.Version) });
            }
        }

        path.Remove(obj.Id);
        return node;
    }

    private static TreeNode? TryBuild(KubeObject child, string version, Func<ObjectId, KubeObject?> lookup, HashSet<ObjectId> path)
    {
        try
        {
            return Build(child, version, lookup, path);
        }
        catch (ManifestException)
        {
            // A nested object's broken inventory shows as a leaf; only the root's is an error.
            return null;
        }
    }

    private static bool IsNestable(ObjectId id) =>
        (id.Group == FluxKinds.KustomizeGroup && id.Kind == FluxKinds.Kustomization) || (id.Group == FluxKinds.HelmGroup && id.Kind == FluxKinds.HelmRelease);

    private static ResourceRef Resource(ObjectId id, string version) => new()
    {
        Group = id.Group,
        Version = version,
        Kind = id.Kind,
        Namespace = id.Namespace ?? "",
        Name = id.Name,
    };
}
