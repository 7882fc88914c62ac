using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

/// <summary>A CRD is usable once Established; names the API server refused will never become usable.</summary>
internal sealed class CustomResourceDefinitionHealth : IHealthRule
{
    public bool AppliesTo(KubeObject obj) => obj.Kind == "CustomResourceDefinition" && obj.Group == "apiextensions.k8s.io";

    public HealthStatus Assess(KubeObject obj)
    {
        var conditions = StatusCondition.ReadAll(obj);
        if (conditions.FirstOrDefault(c => c.Type == "Terminating" && c.IsTrue) is { } terminating)
        {
            return HealthStatus.Progressing($"CRD is being terminated: {terminating.Describe()}");
        }

        if (conditions.FirstOrDefault(c => c.Type == "NamesAccepted" && c.IsFalse) is { } refused)
        {
            return HealthStatus.Degraded($"CRD names have not been accepted: {refused.Describe()}");
        }

        if (conditions.FirstOrDefault(c => c.Type == "NonStructuralSchema" && c.IsTrue) is { } violation)
        {
            return HealthStatus.Degraded($"CRD schema is not structural: {violation.Describe()}");
        }

        if (conditions.FirstOrDefault(c => c.Type == "Established") is { IsTrue: true })
        {
            return HealthStatus.Healthy("CRD is established");
        }

        // The API server establishes a CRD within moments of accepting its names, so until then it is on its way.
        return HealthStatus.Progressing("Waiting for the CRD to be established");
    }
}
