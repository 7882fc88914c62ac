using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health;

/// <summary>The health rule for one family of kinds.</summary>
internal interface IHealthRule
{
    bool AppliesTo(KubeObject obj);

    HealthStatus Assess(KubeObject obj);
}
