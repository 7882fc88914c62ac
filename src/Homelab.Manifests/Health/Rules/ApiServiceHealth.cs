using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

/// <summary>An aggregated API is healthy once the aggregator reports it Available.</summary>
internal sealed class ApiServiceHealth : IHealthRule
{
    public bool AppliesTo(KubeObject obj) => obj.Kind == "APIService" && obj.Group == "apiregistration.k8s.io";

    public HealthStatus Assess(KubeObject obj) => StatusCondition.Find(obj, "Available") switch
    {
        { IsTrue: true } available => HealthStatus.Healthy(Or(available.Describe(), "APIService is available")),
        { } unavailable => HealthStatus.Progressing(Or(unavailable.Describe(), "APIService is not available")),
        null => HealthStatus.Progressing("Waiting to be processed"),
    };

    private static string Or(string message, string fallback) => message.Length > 0 ? message : fallback;
}
