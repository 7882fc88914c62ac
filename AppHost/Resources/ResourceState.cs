namespace Homelab.AppHost.Resources;

/// <summary>The life of one resource, as the state table shows it (Aspire's vocabulary).</summary>
public enum ResourceState
{
    /// <summary>Waiting for the resources it depends on.</summary>
    Waiting,

    /// <summary>Process started, not yet answering its readiness probe.</summary>
    Starting,

    /// <summary>Ready.</summary>
    Running,

    /// <summary>Process alive but failing its probe.</summary>
    Unhealthy,

    /// <summary>Process gone.</summary>
    Exited,
}
