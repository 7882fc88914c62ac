using Homelab.Manifests.Objects;

namespace Homelab.Engine.Plan;

/// <summary>
/// Flux's staged apply for the infrastructure layer: (1) cluster definitions — CRDs, Namespaces,
/// ClusterRoles — then wait until they are ready; (2) <c>*Class</c> kinds (StorageClass, IngressClass,
/// PriorityClass, GatewayClass…), which custom resources often name; (3) everything else. Empty stages
/// are omitted. Within a stage, kustomize's legacy kind order (webhook configurations last), then
/// namespace and name.
/// </summary>
public sealed class StagedApplyPlanner
{
    private static readonly string[] First =
    [
        "CustomResourceDefinition", "Namespace", "ResourceQuota", "StorageClass", "ServiceAccount", "PodSecurityPolicy",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
        "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet",
        "CronJob", "PodDisruptionBudget",
    ];

    private static readonly string[] Last = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    public IReadOnlyList<ApplyStage> Plan(IEnumerable<KubeObject> desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var stages = desired.GroupBy(StageOf).OrderBy(g => g.Key).ToList();
        return [.. stages.Select(g => new ApplyStage(
            g.Key switch { 0 => "cluster definitions", 1 => "classes", _ => "resources" },
            [.. g.OrderBy(o => o, Comparer<KubeObject>.Create(Compare))],
            WaitUntilReady: g.Key == 0))];
    }

    internal static int StageOf(KubeObject obj) => obj switch
    {
        { Kind: "CustomResourceDefinition", Group: "apiextensions.k8s.io" } => 0,
        { Kind: "Namespace", Group: "" } => 0,
        { Kind: "ClusterRole", Group: "rbac.authorization.k8s.io" } => 0,
        _ when obj.Kind.EndsWith("Class", StringComparison.Ordinal) => 1,
        _ => 2,
    };

    internal static int Compare(KubeObject a, KubeObject b)
    {
        var c = Rank(a.Kind).CompareTo(Rank(b.Kind));
        c = c != 0 ? c : string.CompareOrdinal(a.Kind, b.Kind);
        c = c != 0 ? c : string.CompareOrdinal(a.Namespace, b.Namespace);
        return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
    }

    private static int Rank(string kind)
    {
        var first = Array.IndexOf(First, kind);
        if (first >= 0)
        {
            return first;
        }

        var last = Array.IndexOf(Last, kind);
        return last >= 0 ? First.Length + 1 + last : First.Length;
    }
}
