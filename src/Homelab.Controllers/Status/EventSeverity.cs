namespace Homelab.Controllers.Status;

/// <summary>The <c>type</c> of a Kubernetes Event.</summary>
public enum EventSeverity
{
    Normal,
    Warning,
}
