namespace Homelab.Engine.Plan.Prune;

/// <summary>Deletions in order (reverse apply order; PruneLast ones at the end) and the candidates kept.</summary>
public sealed record PrunePlan(IReadOnlyList<PruneTask> Deletions, IReadOnlyList<PruneSkip> Skipped)
{
    public static PrunePlan Empty { get; } = new([], []);
}
