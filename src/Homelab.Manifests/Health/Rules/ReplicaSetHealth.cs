using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

internal sealed class ReplicaSetHealth : IHealthRule
{
    public bool AppliesTo(KubeObject obj) => obj.Kind == "ReplicaSet" && obj.Group is "apps" or "extensions";

    public HealthStatus Assess(KubeObject obj)
    {
        if (obj.ObservedGeneration() < obj.Generation())
        {
            return HealthStatus.Progressing(
                "Waiting for rollout to finish: observed replica set generation less than desired generation");
        }

        if (StatusCondition.Find(obj, "ReplicaFailure") is { IsTrue: true } failure)
        {
            return HealthStatus.Degraded(failure.Describe() is { Length: > 0 } why ? why : "ReplicaSet failed to create pods");
        }

        var available = obj.GetIntegerOrZero("status", "availableReplicas");
        if (obj.GetInteger("spec", "replicas") is { } desired && available < desired)
        {
            return HealthStatus.Progressing(
                $"Waiting for rollout to finish: {available} out of {desired} new replicas are available...");
        }

        return HealthStatus.Healthy($"ReplicaSet has {available} available replicas");
    }
}
