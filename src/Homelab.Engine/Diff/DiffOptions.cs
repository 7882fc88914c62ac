using Homelab.Engine.Diff.Ignore;

namespace Homelab.Engine.Diff;

/// <summary>How to compare. <see cref="FieldManager"/> is the manager we apply as (e.g. <c>kustomize-controller</c>); without it, removed fields are not detected.</summary>
public sealed record DiffOptions
{
    public string? FieldManager { get; init; }

    public IgnoreRuleSet IgnoreRules { get; init; } = IgnoreRuleSet.Empty;

    /// <summary>Lines of context around each change in <see cref="ResourceDiff.UnifiedDiff"/>.</summary>
    public int ContextLines { get; init; } = 3;
}
