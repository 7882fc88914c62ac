namespace Homelab.Engine.Plan;

/// <summary>
/// Argo CD's apply order of kinds within a wave: what others depend on first (namespaces, policies,
/// accounts, config, storage, CRDs, RBAC), then services and workloads, then ingress. Unknown kinds
/// (custom resources) come after every known one, ordered by kind name.
/// </summary>
public static class KindOrder
{
    private static readonly string[] Order =
    [
        "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
        "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
        "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
        "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
        "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job",
        "CronJob", "IngressClass", "Ingress", "APIService",
    ];

    private static readonly Dictionary<string, int> Rank = Order.Select((kind, i) => (kind, i)).ToDictionary(p => p.kind, p => p.i, StringComparer.Ordinal);

    /// <summary>Position of a known kind; unknown kinds share the rank after the last known one.</summary>
    public static int RankOf(string kind) => Rank.TryGetValue(kind, out var rank) ? rank : Order.Length;

    public static int Compare(string a, string b)
    {
        var byRank = RankOf(a).CompareTo(RankOf(b));
        return byRank != 0 ? byRank : string.CompareOrdinal(a, b);
    }
}
