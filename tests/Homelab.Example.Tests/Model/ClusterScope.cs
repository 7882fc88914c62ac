namespace Homelab.Example.Tests.Model;

/// <summary>The cluster-scoped kinds the example uses; everything else is namespaced.</summary>
public static class ClusterScope
{
    private static readonly HashSet<string> Kinds =
    [
        "Namespace", "ClusterRole", "ClusterRoleBinding", "StorageClass", "IngressClass",
        "CustomResourceDefinition", "PersistentVolume", "PriorityClass",
    ];

    public static bool IsClusterScoped(string kind) => Kinds.Contains(kind);
}
