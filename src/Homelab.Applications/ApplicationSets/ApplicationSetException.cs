namespace Homelab.Applications.ApplicationSets;

/// <summary>An ApplicationSet reconcile that must stop before changing anything; <see cref="Reason"/> is Argo's condition reason.</summary>
public sealed class ApplicationSetException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
