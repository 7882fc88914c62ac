namespace Homelab.Git.Refs;

/// <summary>
/// Argo CD's <c>source.targetRevision</c>: empty or <c>HEAD</c> for the default branch, a 40-hex commit,
/// a full ref name, a semver range over tags, or a name looked up as a branch first, then a tag.
/// </summary>
public static class ArgoTargetRevision
{
    public static RefSelector ToSelector(string? targetRevision)
    {
        var text = targetRevision?.Trim();
        if (string.IsNullOrEmpty(text) || text == "HEAD")
        {
            return RefSelector.DefaultBranch;
        }

        if (Revisions.GitRevision.IsSha(text))
        {
            return new RefSelector(RefKind.Commit, text.ToLowerInvariant());
        }

        if (text.StartsWith("refs/", StringComparison.Ordinal))
        {
            return new RefSelector(RefKind.Name, text);
        }

        if (SemverConstraint.TryParse(text, out var constraint, out _) && !constraint.IsExactVersion)
        {
            return new RefSelector(RefKind.SemVer, text);
        }

        return new RefSelector(RefKind.BranchOrTag, text);
    }
}
