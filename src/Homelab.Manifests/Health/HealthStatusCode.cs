namespace Homelab.Manifests.Health;

/// <summary>
/// Argo CD's health codes, declared from best to worst so that the numeric order is the severity order
/// used to aggregate an application's health from its resources.
/// </summary>
public enum HealthStatusCode
{
    Healthy,
    Suspended,
    Progressing,
    Missing,
    Degraded,
    Unknown,
}
