namespace Homelab.Infrastructure.Kustomizations;

/// <summary>Whether a Kustomization's <c>dependsOn</c> allows it to run now.</summary>
internal sealed record DependencyVerdict(DependencyState State, string Message)
{
    public static DependencyVerdict Ready { get; } = new(DependencyState.Ready, "");
}

internal enum DependencyState
{
    Ready,

    /// <summary>Some dependency is missing, failing or behind: retry, and wake when it turns Ready.</summary>
    NotReady,

    /// <summary>The dependencies lead back to this object: it can never run until the specs change.</summary>
    Cycle,
}
