using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

internal sealed class DaemonSetHealth : IHealthRule
{
    public bool AppliesTo(KubeObject obj) => obj.Kind == "DaemonSet" && obj.Group is "apps" or "extensions";

    public HealthStatus Assess(KubeObject obj)
    {
        if (obj.ObservedGeneration() < obj.Generation())
        {
            return HealthStatus.Progressing(
                "Waiting for rollout to finish: observed daemon set generation less than desired generation");
        }

        var desired = obj.GetIntegerOrZero("status", "desiredNumberScheduled");
        var updated = obj.GetIntegerOrZero("status", "updatedNumberScheduled");
        var available = obj.GetIntegerOrZero("status", "numberAvailable");
        if (obj.GetString("spec", "updateStrategy", "type") == "OnDelete")
        {
            // Pods are replaced only when someone deletes them, so an incomplete update is not a rollout in progress.
            return HealthStatus.Healthy($"daemon set {updated} out of {desired} new pods have been updated");
        }

        if (updated < desired)
        {
            return HealthStatus.Progressing(
                $"Waiting for daemon set \"{obj.Name}\" rollout to finish: {updated} out of {desired} new pods have been updated...");
        }

        if (available < desired)
        {
            return HealthStatus.Progressing(
                $"Waiting for daemon set \"{obj.Name}\" rollout to finish: {available} of {desired} updated pods are available...");
        }

        return HealthStatus.Healthy($"daemon set has {available} of {desired} pods available");
    }
}
