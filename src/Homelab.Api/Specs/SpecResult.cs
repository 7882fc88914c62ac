namespace Homelab.Api.Specs;

/// <summary>
/// A spec read from an object together with every problem found in it. The spec is always built (with
/// defaults where a field was missing or wrong) so callers can show what they can, but it is only to be
/// reconciled when <see cref="IsValid"/>.
/// </summary>
public sealed record SpecResult<T>(T Spec, IReadOnlyList<SpecProblem> Problems)
{
    public bool IsValid => !Problems.Any(p => p.Kind == SpecProblemKind.Invalid);

    public IReadOnlyList<SpecProblem> Invalid => [.. Problems.Where(p => p.Kind == SpecProblemKind.Invalid)];

    public IReadOnlyList<SpecProblem> Unsupported => [.. Problems.Where(p => p.Kind == SpecProblemKind.Unsupported)];

    /// <summary>All problems of a kind on one line each, for a status condition message.</summary>
    public string Describe(SpecProblemKind kind) =>
        string.Join("; ", Problems.Where(p => p.Kind == kind).Select(p => p.ToString()));
}
