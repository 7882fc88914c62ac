namespace Homelab.Manifests.Health;

/// <summary>The assessed health of one object, with a message a person can act on.</summary>
public sealed record HealthStatus(HealthStatusCode Status, string Message)
{
    public static HealthStatus Healthy(string message) => new(HealthStatusCode.Healthy, message);

    public static HealthStatus Suspended(string message) => new(HealthStatusCode.Suspended, message);

    public static HealthStatus Progressing(string message) => new(HealthStatusCode.Progressing, message);

    public static HealthStatus Degraded(string message) => new(HealthStatusCode.Degraded, message);

    public static HealthStatus Unknown(string message) => new(HealthStatusCode.Unknown, message);
}
