using System.Text.Json.Nodes;
using Homelab.Manifests.Health.Rules;
using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health;

/// <summary>
/// Assesses the health of live objects with Argo CD's built-in rules (plus Flux kinds and a Ready-condition
/// fallback for custom resources). One instance serves both reconcilers; it holds no state.
/// </summary>
public sealed class HealthAssessor
{
    /// <summary>
    /// Argo CD keeps a finalizer on running hooks so it can still read their outcome; a hook held by it is judged on
    /// its own status, or a failed hook Job would look like a pending deletion.
    /// </summary>
    public const string HookFinalizer = "argocd.argoproj.io/hook-finalizer";

    // Specific rules first: the Ready-condition fallback would otherwise claim Flux objects and Applications.
    private readonly IHealthRule[] _rules =
    [
        new DeploymentHealth(),
        new StatefulSetHealth(),
        new DaemonSetHealth(),
        new ReplicaSetHealth(),
        new PodHealth(),
        new JobHealth(),
        new CronJobHealth(),
        new PersistentVolumeClaimHealth(),
        new ServiceHealth(),
        new IngressHealth(),
        new HorizontalPodAutoscalerHealth(),
        new ApiServiceHealth(),
        new CustomResourceDefinitionHealth(),
        new ArgoApplicationHealth(),
        new FluxHealth(),
        new ReadyConditionHealth(),
    ];

    /// <summary>The object's health, or null when no rule knows its kind (such objects have no health, as in Argo CD).</summary>
    public HealthStatus? Assess(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.Get("metadata", "deletionTimestamp") is not null && !HasHookFinalizer(obj))
        {
            return HealthStatus.Progressing("Pending deletion");
        }

        return Array.Find(_rules, rule => rule.AppliesTo(obj))?.Assess(obj);
    }

    /// <summary>The worst of several health codes (an application's health from its resources); Healthy when there are none.</summary>
    public static HealthStatusCode Worst(IEnumerable<HealthStatusCode> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var worst = HealthStatusCode.Healthy;
        foreach (var code in codes)
        {
            if (code > worst)
            {
                worst = code;
            }
        }

        return worst;
    }

    private static bool HasHookFinalizer(KubeObject obj) =>
        obj.Get("metadata", "finalizers") is JsonArray finalizers
        && finalizers.Any(f => StatusFields.AsString(f) == HookFinalizer);
}
