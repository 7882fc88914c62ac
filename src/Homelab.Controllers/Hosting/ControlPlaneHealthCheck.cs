using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Homelab.Controllers.Hosting;

/// <summary>
/// Readiness: CRDs installed and, on the leader, every controller's cache synced. A replica that is
/// not the leader is healthy: it is a ready standby.
/// </summary>
internal sealed class ControlPlaneHealthCheck(CrdInstallation crds, ControllerManager manager) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!crds.IsCompleted)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(crds.LastError is null ? "installing CRDs" : $"installing CRDs failed: {crds.LastError}"));
        }

        if (!manager.IsLeader)
        {
            return Task.FromResult(HealthCheckResult.Healthy("standby: another replica leads"));
        }

        var waiting = manager.Controllers.Where(c => !c.IsSynced).Select(c => c.Name).ToList();
        return Task.FromResult(waiting.Count == 0
            ? HealthCheckResult.Healthy("leading; caches synced")
            : HealthCheckResult.Unhealthy($"leading; waiting for caches: {string.Join(", ", waiting)}"));
    }
}
