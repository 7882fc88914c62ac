namespace Homelab.Api.Specs;

/// <summary>Collects every problem of one object, so the user sees them all at once rather than one per attempt.</summary>
internal sealed class ProblemLog
{
    private readonly List<SpecProblem> _problems = [];

    public IReadOnlyList<SpecProblem> Problems => _problems;

    public void Invalid(string path, string message) => _problems.Add(new(path, message, SpecProblemKind.Invalid));

    public void Unsupported(string path, string message) => _problems.Add(new(path, message, SpecProblemKind.Unsupported));
}
