namespace Homelab.Kubernetes.Client;

/// <summary>
/// Delete options: propagation (Foreground, Background, Orphan), preconditions so we never delete an
/// object that was replaced or changed since we decided to, and dry run.
/// </summary>
public sealed record DeleteOptions(
    string? PropagationPolicy = null,
    string? PreconditionUid = null,
    string? PreconditionResourceVersion = null,
    bool DryRun = false);
