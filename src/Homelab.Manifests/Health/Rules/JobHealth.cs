using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

internal sealed class JobHealth : IHealthRule
{
    public bool AppliesTo(KubeObject obj) => obj.Kind == "Job" && obj.Group == "batch";

    public HealthStatus Assess(KubeObject obj)
    {
        var conditions = StatusCondition.ReadAll(obj);
        if (conditions.FirstOrDefault(c => c.Type == "Failed" && c.IsTrue) is { } failed)
        {
            return HealthStatus.Degraded(Describe(failed, "Job failed"));
        }

        if (conditions.FirstOrDefault(c => c.Type == "Complete" && c.IsTrue) is { } complete)
        {
            return HealthStatus.Healthy(Describe(complete, "Job completed"));
        }

        if (conditions.FirstOrDefault(c => c.Type == "Suspended" && c.IsTrue) is { } suspended)
        {
            return HealthStatus.Suspended(Describe(suspended, "Job is suspended"));
        }

        // spec.suspend is set before the controller reports the Suspended condition.
        if (obj.GetBoolean("spec", "suspend"))
        {
            return HealthStatus.Suspended("Job is suspended");
        }

        var active = obj.GetIntegerOrZero("status", "active");
        return HealthStatus.Progressing(active > 0 ? $"Job has {active} active pods" : "Job is running");
    }

    private static string Describe(StatusCondition condition, string fallback) =>
        condition.Message is { Length: > 0 } message ? message : condition.Reason is { Length: > 0 } reason ? reason : fallback;
}
