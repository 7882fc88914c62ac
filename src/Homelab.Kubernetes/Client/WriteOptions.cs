namespace Homelab.Kubernetes.Client;

/// <summary>Options for create, replace and patch: the manager recorded in managedFields, and dry run.</summary>
public sealed record WriteOptions(string? FieldManager = null, bool DryRun = false)
{
    /// <summary>
    /// Write a subresource instead of the object itself, e.g. <c>"status"</c> for replace and patch: the
    /// server then changes only that part and leaves spec (and generation) alone. Ignored by create.
    /// </summary>
    public string? Subresource { get; init; }
}
