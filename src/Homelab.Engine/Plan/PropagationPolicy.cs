namespace Homelab.Engine.Plan;

/// <summary>How a delete cascades to dependents (Kubernetes <c>propagationPolicy</c>).</summary>
public enum PropagationPolicy
{
    Foreground,
    Background,
    Orphan,
}
