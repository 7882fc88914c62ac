using Homelab.Manifests.Objects;

namespace Homelab.Applications.Comparison;

/// <summary>
/// One resource of an Application, as Argo CD lists it in <c>status.resources</c>.
/// <see cref="Status"/> is Synced or OutOfSync; <see cref="UnifiedDiff"/> goes from live to desired with
/// Secret values masked (empty when equal); <see cref="HealthStatus"/> is empty for kinds without health.
/// </summary>
public sealed record ResourceComparison(
    ObjectId Id,
    string Status,
    bool RequiresPruning,
    bool Hook,
    int SyncWave,
    string UnifiedDiff,
    string HealthStatus,
    string HealthMessage)
{
    public const string Synced = "Synced";
    public const string OutOfSync = "OutOfSync";

    /// <summary>The served version of the kind (for <c>status.resources[].version</c>).</summary>
    public string Version { get; init; } = "";

    /// <summary>Set when the AppProject does not permit this kind: the resource is neither applied nor pruned.</summary>
    public string? PermissionError { get; init; }
}
