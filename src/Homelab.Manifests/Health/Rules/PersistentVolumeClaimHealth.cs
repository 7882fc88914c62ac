using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

internal sealed class PersistentVolumeClaimHealth : IHealthRule
{
    public bool AppliesTo(KubeObject obj) => obj.Kind == "PersistentVolumeClaim" && obj.Group.Length == 0;

    public HealthStatus Assess(KubeObject obj) => obj.GetString("status", "phase") switch
    {
        "Bound" => HealthStatus.Healthy("PersistentVolumeClaim is bound"),
        "Lost" => HealthStatus.Degraded("PersistentVolumeClaim lost its volume"),
        "Pending" => HealthStatus.Progressing("PersistentVolumeClaim is pending"),
        null or "" => HealthStatus.Progressing("PersistentVolumeClaim has no phase yet"),
        var phase => HealthStatus.Unknown($"PersistentVolumeClaim phase {phase} is not known"),
    };
}
