namespace Homelab.Infrastructure.Kustomizations;

/// <summary>Reasons Flux has no name for; everything else uses <see cref="Homelab.Api.Status.ConditionReasons"/>.</summary>
public static class KustomizationReasons
{
    /// <summary>Stalled: <c>dependsOn</c> leads back to the object itself (the message names the cycle).</summary>
    public const string DependencyCycle = "DependencyCycle";
}
