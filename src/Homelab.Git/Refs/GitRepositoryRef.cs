namespace Homelab.Git.Refs;

/// <summary>
/// Flux's <c>GitRepository.spec.ref</c>. Several fields may be set; the most specific wins with the
/// precedence commit &gt; name &gt; semver &gt; tag &gt; branch, and no field means the default branch.
/// </summary>
public sealed record GitRepositoryRef(
    string? Branch = null,
    string? Tag = null,
    string? SemVer = null,
    string? Name = null,
    string? Commit = null)
{
    public RefSelector ToSelector()
    {
        if (!string.IsNullOrEmpty(Commit))
        {
            if (!Revisions.GitRevision.IsSha(Commit))
            {
                throw new GitSourceException(GitFailureReason.InvalidReference, $"ref.commit '{Commit}' is not a 40-character hexadecimal SHA");
            }

            return new RefSelector(RefKind.Commit, Commit.ToLowerInvariant(), string.IsNullOrEmpty(Branch) ? null : Branch);
        }

        if (!string.IsNullOrEmpty(Name))
        {
            if (!Name.StartsWith("refs/", StringComparison.Ordinal))
            {
                throw new GitSourceException(GitFailureReason.InvalidReference, $"ref.name '{Name}' must be a full reference name starting with 'refs/'");
            }

            return new RefSelector(RefKind.Name, Name);
        }

        if (!string.IsNullOrEmpty(SemVer))
        {
            SemverConstraint.Parse(SemVer);
            return new RefSelector(RefKind.SemVer, SemVer);
        }

        if (!string.IsNullOrEmpty(Tag))
        {
            return new RefSelector(RefKind.Tag, Tag);
        }

        return string.IsNullOrEmpty(Branch) ? RefSelector.DefaultBranch : new RefSelector(RefKind.Branch, Branch);
    }
}
