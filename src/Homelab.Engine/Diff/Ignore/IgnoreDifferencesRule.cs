namespace Homelab.Engine.Diff.Ignore;

/// <summary>
/// One entry of Argo CD's <c>ignoreDifferences</c>: which objects (group and kind required, <c>*</c>
/// matches any; name and namespace optional) and which of their fields to leave out of the diff.
/// </summary>
public sealed record IgnoreDifferencesRule
{
    public string Group { get; init; } = "";

    public required string Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public IReadOnlyList<string> JsonPointers { get; init; } = [];

    /// <summary>A subset of jq: see <see cref="JqPathParser"/> for what is understood.</summary>
    public IReadOnlyList<string> JqPathExpressions { get; init; } = [];

    /// <summary>Fields these managers own in live are left out of the diff.</summary>
    public IReadOnlyList<string> ManagedFieldsManagers { get; init; } = [];
}
