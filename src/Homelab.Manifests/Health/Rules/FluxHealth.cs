using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

/// <summary>
/// Flux objects (<c>*.toolkit.fluxcd.io</c>) follow the kstatus convention: Ready tells the outcome, and
/// Reconciling=True tells an Unknown Ready apart from a stuck one.
/// </summary>
internal sealed class FluxHealth : IHealthRule
{
    private const string FluxGroupSuffix = ".toolkit.fluxcd.io";

    public bool AppliesTo(KubeObject obj) => obj.Group.EndsWith(FluxGroupSuffix, StringComparison.Ordinal);

    public HealthStatus Assess(KubeObject obj)
    {
        if (obj.GetBoolean("spec", "suspend"))
        {
            return HealthStatus.Suspended($"{obj.Kind} is suspended");
        }

        // A Ready condition written for an older generation says nothing about the current spec.
        var observed = obj.GetInteger("status", "observedGeneration");
        if (observed is { } seen && seen < obj.Generation())
        {
            return HealthStatus.Progressing($"Waiting for the controller to observe generation {obj.Generation()}");
        }

        var conditions = StatusCondition.ReadAll(obj);
        var ready = conditions.FirstOrDefault(c => c.Type == "Ready");
        if (ready is null)
        {
            return HealthStatus.Progressing($"Waiting for {obj.Kind} to report readiness");
        }

        if (ready.IsTrue)
        {
            return HealthStatus.Healthy(Or(ready.Message, ready.Reason, $"{obj.Kind} is ready"));
        }

        if (ready.IsUnknown && conditions.Any(c => c.Type == "Reconciling" && c.IsTrue))
        {
            return HealthStatus.Progressing(Or(ready.Message, ready.Reason, "Reconciliation in progress"));
        }

        return HealthStatus.Degraded(Or(ready.Message, ready.Reason, $"{obj.Kind} is not ready"));
    }

    private static string Or(params string[] candidates) => candidates.First(c => c.Length > 0);
}
