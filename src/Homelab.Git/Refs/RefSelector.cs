namespace Homelab.Git.Refs;

/// <summary>
/// What to check out, normalised from Flux's <c>spec.ref</c> or Argo's <c>targetRevision</c>.
/// For <see cref="RefKind.Commit"/>, <see cref="Branch"/> optionally names the branch the commit is fetched through.
/// </summary>
public sealed record RefSelector(RefKind Kind, string Value = "", string? Branch = null)
{
    public static RefSelector DefaultBranch { get; } = new(RefKind.DefaultBranch);

    public override string ToString() => Kind switch
    {
        RefKind.DefaultBranch => "default branch",
        RefKind.Commit when Branch is not null => $"commit '{Value}' on branch '{Branch}'",
        RefKind.SemVer => $"semver '{Value}'",
        RefKind.BranchOrTag => $"revision '{Value}'",
        _ => $"{Kind.ToString().ToLowerInvariant()} '{Value}'",
    };
}
