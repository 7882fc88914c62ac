namespace Homelab.Applications.Comparison;

/// <summary>
/// Desired (rendered from Git) against live (the watch cache) for one Application. <see cref="Revision"/>
/// is the commit compared (for multi-source apps, the first source's; <see cref="Revisions"/> lists all).
/// <see cref="Errors"/> holds ComparisonError messages: when it is not empty nothing may be applied.
/// </summary>
public sealed record ApplicationComparison(string Revision, IReadOnlyList<ResourceComparison> Resources, IReadOnlyList<string> Errors)
{
    public IReadOnlyList<string> Revisions { get; init; } = Revision.Length == 0 ? [] : [Revision];

    public bool Succeeded => Errors.Count == 0;
}
