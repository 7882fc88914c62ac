using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

internal sealed class ServiceHealth : IHealthRule
{
    public bool AppliesTo(KubeObject obj) => obj.Kind == "Service" && obj.Group.Length == 0;

    public HealthStatus Assess(KubeObject obj)
    {
        if (obj.GetString("spec", "type") != "LoadBalancer")
        {
            return HealthStatus.Healthy("Service is ready");
        }

        return LoadBalancerStatus.HasAddress(obj)
            ? HealthStatus.Healthy($"Service has load balancer address {LoadBalancerStatus.Addresses(obj)}")
            : HealthStatus.Progressing("Waiting for the load balancer to assign an address");
    }
}
