using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

/// <summary>
/// The fallback for custom resources whose controllers publish a <c>Ready</c> condition (cert-manager, most
/// operators). Resources without one have no health, as in Argo CD.
/// </summary>
internal sealed class ReadyConditionHealth : IHealthRule
{
    public bool AppliesTo(KubeObject obj) => IsCustomGroup(obj.Group) && StatusCondition.Find(obj, "Ready") is not null;

    public HealthStatus Assess(KubeObject obj)
    {
        var ready = StatusCondition.Find(obj, "Ready")!;
        var message = ready.Describe();
        return ready.Status switch
        {
            "True" => HealthStatus.Healthy(message.Length > 0 ? message : $"{obj.Kind} is ready"),
            "False" => HealthStatus.Degraded(message.Length > 0 ? message : $"{obj.Kind} is not ready"),
            _ => HealthStatus.Progressing(message.Length > 0 ? message : $"{obj.Kind} readiness is not known yet"),
        };
    }

    /// <summary>Built-in groups are either unqualified (<c>apps</c>) or under <c>k8s.io</c>.</summary>
    private static bool IsCustomGroup(string group) =>
        group.Contains('.', StringComparison.Ordinal) && !group.EndsWith(".k8s.io", StringComparison.Ordinal) && group != "k8s.io";
}
