namespace Homelab.ServiceDefaults;

/// <summary>The paths every Homelab service serves, so probes, scrapers and the AppHost agree on them.</summary>
public static class DefaultEndpoints
{
    /// <summary>Readiness: every health check must pass.</summary>
    public const string Health = "/health";

    /// <summary>Liveness: only checks tagged <see cref="LiveTag"/>, so a down dependency never gets the pod restarted.</summary>
    public const string Alive = "/alive";

    public const string Metrics = "/metrics";

    /// <summary>The tag of health checks that decide liveness.</summary>
    public const string LiveTag = "live";

    /// <summary>Tracing sources and meters of Homelab's own code; registered with a wildcard.</summary>
    public const string TelemetryPrefix = "Homelab.*";

    /// <summary>The standard OpenTelemetry variable; the OTLP exporter is added only when it is set.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
}
