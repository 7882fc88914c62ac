using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

/// <summary>Deployment health, after <c>kubectl rollout status</c> as Argo CD applies it.</summary>
internal sealed class DeploymentHealth : IHealthRule
{
    public bool AppliesTo(KubeObject obj) => obj.Kind == "Deployment" && obj.Group is "apps" or "extensions";

    public HealthStatus Assess(KubeObject obj)
    {
        if (obj.GetBoolean("spec", "paused"))
        {
            return HealthStatus.Suspended("Deployment is paused");
        }

        if (obj.ObservedGeneration() < obj.Generation())
        {
            return HealthStatus.Progressing(
                "Waiting for rollout to finish: observed deployment generation less than desired generation");
        }

        if (StatusCondition.Find(obj, "Progressing") is { Reason: "ProgressDeadlineExceeded" })
        {
            return HealthStatus.Degraded($"Deployment \"{obj.Name}\" exceeded its progress deadline");
        }

        var updated = obj.GetIntegerOrZero("status", "updatedReplicas");
        var current = obj.GetIntegerOrZero("status", "replicas");
        var available = obj.GetIntegerOrZero("status", "availableReplicas");
        if (obj.GetInteger("spec", "replicas") is { } desired && updated < desired)
        {
            return HealthStatus.Progressing(
                $"Waiting for rollout to finish: {updated} out of {desired} new replicas have been updated...");
        }

        if (current > updated)
        {
            return HealthStatus.Progressing(
                $"Waiting for rollout to finish: {current - updated} old replicas are pending termination...");
        }

        if (available < updated)
        {
            return HealthStatus.Progressing(
                $"Waiting for rollout to finish: {available} of {updated} updated replicas are available...");
        }

        return HealthStatus.Healthy($"Deployment has {available} available replicas");
    }
}
