using System.Globalization;
using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

/// <summary>
/// CronJob health as Argo CD's bundled rule judges it: running jobs mean progress, and a schedule newer than the
/// last success means the last run failed.
/// </summary>
internal sealed class CronJobHealth : IHealthRule
{
    public bool AppliesTo(KubeObject obj) => obj.Kind == "CronJob" && obj.Group == "batch";

    public HealthStatus Assess(KubeObject obj)
    {
        if (obj.GetBoolean("spec", "suspend"))
        {
            return HealthStatus.Suspended("CronJob is suspended");
        }

        if (obj.GetArray("status", "active") is { Count: > 0 } active)
        {
            return HealthStatus.Progressing($"CronJob has {active.Count} active jobs");
        }

        var lastSchedule = ReadTime(obj, "lastScheduleTime");
        if (lastSchedule is null)
        {
            return HealthStatus.Healthy("CronJob has never run");
        }

        var lastSuccess = ReadTime(obj, "lastSuccessfulTime");
        if (lastSuccess is null)
        {
            return HealthStatus.Degraded("CronJob has not run successfully yet");
        }

        // A successful job finishes after it was scheduled; a later schedule with no later success failed.
        return lastSuccess >= lastSchedule
            ? HealthStatus.Healthy("CronJob has run successfully")
            : HealthStatus.Degraded($"CronJob's last run, scheduled at {obj.GetString("status", "lastScheduleTime")}, has not succeeded");
    }

    private static DateTimeOffset? ReadTime(KubeObject obj, string field) =>
        DateTimeOffset.TryParse(obj.GetString("status", field), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
}
