using Homelab.Manifests.Objects;

namespace Homelab.Engine.Diff;

/// <summary>
/// The verdict on one object. <see cref="UnifiedDiff"/> is normalized live versus predicted live, in
/// YAML, with Secret values masked; empty when <see cref="State"/> is <see cref="DiffState.Equal"/>.
/// </summary>
public sealed record ResourceDiff(ObjectId Id, DiffState State, IReadOnlyList<FieldChange> Changes, string UnifiedDiff)
{
    public bool HasDifference => State != DiffState.Equal;
}
