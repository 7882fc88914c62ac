using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

/// <summary>StatefulSet health, aware of partitioned rolling updates and the OnDelete strategy.</summary>
internal sealed class StatefulSetHealth : IHealthRule
{
    public bool AppliesTo(KubeObject obj) => obj.Kind == "StatefulSet" && obj.Group == "apps";

    public HealthStatus Assess(KubeObject obj)
    {
        var observed = obj.ObservedGeneration();
        if (observed == 0 || observed < obj.Generation())
        {
            return HealthStatus.Progressing("Waiting for statefulset spec update to be observed...");
        }

        var desired = obj.GetInteger("spec", "replicas");
        var ready = obj.GetIntegerOrZero("status", "readyReplicas");
        var updated = obj.GetIntegerOrZero("status", "updatedReplicas");
        if (desired is { } wanted && ready < wanted)
        {
            return HealthStatus.Progressing($"Waiting for {wanted - ready} pods to be ready...");
        }

        var strategy = obj.GetString("spec", "updateStrategy", "type");
        if (strategy is null or "RollingUpdate" && obj.Get("spec", "updateStrategy", "rollingUpdate") is not null)
        {
            // Pods below the partition keep the old revision on purpose, so only the ones above it must be updated.
            if (desired is { } replicas && obj.GetInteger("spec", "updateStrategy", "rollingUpdate", "partition") is { } partition
                && updated < replicas - partition)
            {
                return HealthStatus.Progressing(
                    $"Waiting for partitioned roll out to finish: {updated} out of {replicas - partition} new pods have been updated...");
            }

            return HealthStatus.Healthy($"partitioned roll out complete: {updated} new pods have been updated...");
        }

        if (strategy == "OnDelete")
        {
            // With OnDelete the controller never replaces pods itself, so there is no rollout to wait for.
            return HealthStatus.Healthy($"statefulset has {ready} ready pods ({updated} updated)");
        }

        var updateRevision = obj.GetString("status", "updateRevision") ?? "";
        var currentRevision = obj.GetString("status", "currentRevision") ?? "";
        if (updateRevision != currentRevision)
        {
            return HealthStatus.Progressing(
                $"waiting for statefulset rolling update to complete {updated} pods at revision {updateRevision}...");
        }

        var current = obj.GetIntegerOrZero("status", "currentReplicas");
        return HealthStatus.Healthy($"statefulset rolling update complete {current} pods at revision {currentRevision}...");
    }
}
