namespace Homelab.DevCluster.Discovery;

/// <summary>The built-in kinds this server serves, with the scope, short names and categories of the real ones.</summary>
internal static class BuiltInResources
{
    private static readonly string[] All = ["all"];
    private static readonly string[] None = [];

    public static IReadOnlyList<ResourceType> Create() =>
    [
        Core("namespaces", "Namespace", false, ["ns"], None, status: true),
        Core("configmaps", "ConfigMap", true, ["cm"], None),
        Core("secrets", "Secret", true, None, None),
        Core("services", "Service", true, ["svc"], All, status: true),
        Core("serviceaccounts", "ServiceAccount", true, ["sa"], None),
        Core("pods", "Pod", true, ["po"], All, status: true),
        Core("persistentvolumeclaims", "PersistentVolumeClaim", true, ["pvc"], None, status: true),
        Core("persistentvolumes", "PersistentVolume", false, ["pv"], None, status: true),
        Core("endpoints", "Endpoints", true, ["ep"], None),
        Core("events", "Event", true, ["ev"], None),
        Core("limitranges", "LimitRange", true, ["limits"], None),
        Core("resourcequotas", "ResourceQuota", true, ["quota"], None, status: true),
        Grouped("apps", "v1", "deployments", "Deployment", true, ["deploy"], All, status: true, generation: true),
        Grouped("apps", "v1", "statefulsets", "StatefulSet", true, ["sts"], All, status: true, generation: true),
        Grouped("apps", "v1", "daemonsets", "DaemonSet", true, ["ds"], All, status: true, generation: true),
        Grouped("apps", "v1", "replicasets", "ReplicaSet", true, ["rs"], All, status: true, generation: true),
        Grouped("batch", "v1", "jobs", "Job", true, None, All, status: true, generation: true),
        Grouped("batch", "v1", "cronjobs", "CronJob", true, ["cj"], All, status: true, generation: true),
        Grouped("networking.k8s.io", "v1", "ingresses", "Ingress", true, ["ing"], None, status: true, generation: true),
        Grouped("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false, None, None),
        Grouped("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, ["netpol"], None, generation: true),
        Grouped("rbac.authorization.k8s.io", "v1", "roles", "Role", true, None, None),
        Grouped("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, None, None),
        Grouped("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, None, None),
        Grouped("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, None, None),
        Grouped("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, ["sc"], None),
        Grouped("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, ["pdb"], None, status: true, generation: true),
        Grouped("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, ["hpa"], All, status: true, generation: true),
        Grouped("coordination.k8s.io", "v1", "leases", "Lease", true, None, None),
        Grouped("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, ["crd", "crds"], ["api-extensions"], status: true, generation: true),
    ];

    private static ResourceType Core(string resource, string kind, bool namespaced, string[] shortNames, string[] categories, bool status = false) =>
        Grouped("", "v1", resource, kind, namespaced, shortNames, categories, status, generation: false);

    private static ResourceType Grouped(
        string group,
        string version,
        string resource,
        string kind,
        bool namespaced,
        string[] shortNames,
        string[] categories,
        bool status = false,
        bool generation = false) =>
        new(group, version, resource, kind.ToLowerInvariant(), kind, namespaced, shortNames, categories, status, generation, IsCustom: false);
}
