namespace Homelab.DevCluster.Handlers;

/// <summary>What every write carries besides its body: who writes, whether for real, and to which part of the object.</summary>
internal sealed record WriteOptions(string Manager, bool DryRun, string? Subresource)
{
    /// <summary>True when the caller (server-side apply) already computed managedFields.</summary>
    public bool ManagedFieldsSet { get; init; }

    public static WriteOptions System(string manager) => new(manager, false, null);
}
