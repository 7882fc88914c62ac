using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

internal sealed class IngressHealth : IHealthRule
{
    public bool AppliesTo(KubeObject obj) => obj.Kind == "Ingress" && obj.Group is "networking.k8s.io" or "extensions";

    public HealthStatus Assess(KubeObject obj) =>
        LoadBalancerStatus.HasAddress(obj)
            ? HealthStatus.Healthy($"Ingress has address {LoadBalancerStatus.Addresses(obj)}")
            : HealthStatus.Progressing("Waiting for the ingress controller to assign an address");
}
