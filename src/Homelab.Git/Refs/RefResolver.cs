using NuGet.Versioning;

namespace Homelab.Git.Refs;

/// <summary>Matches a <see cref="RefSelector"/> against advertised refs, with the errors Flux and Argo users expect.</summary>
public static class RefResolver
{
    public static ResolvedRef Resolve(RefSelector selector, RemoteRefs refs)
    {
        switch (selector.Kind)
        {
            case RefKind.DefaultBranch:
                var head = refs.DefaultBranch()
                    ?? throw NotFound("the remote has no HEAD branch (empty repository?)");
                return FromRef(refs.Find(head)!, RemoteRefs.ShortName(head));
            case RefKind.Branch:
                return FromRef(refs.FindBranch(selector.Value) ?? throw NotFound($"branch '{selector.Value}' not found"), selector.Value);
            case RefKind.Tag:
                return FromRef(refs.FindTag(selector.Value) ?? throw NotFound($"tag '{selector.Value}' not found"), selector.Value);
            case RefKind.Name:
                return FromRef(refs.Find(selector.Value) ?? throw NotFound($"ref '{selector.Value}' not found"), selector.Value);
            case RefKind.SemVer:
                return ResolveSemver(selector.Value, refs);
            case RefKind.BranchOrTag:
                var match = refs.FindBranch(selector.Value) ?? refs.FindTag(selector.Value)
                    ?? throw NotFound($"revision '{selector.Value}' is neither a branch nor a tag");
                return FromRef(match, selector.Value);
            case RefKind.Commit:
                if (selector.Branch is null)
                {
                    return new ResolvedRef(null, null, null, selector.Value);
                }

                var branch = refs.FindBranch(selector.Branch) ?? throw NotFound($"branch '{selector.Branch}' not found");
                return new ResolvedRef(branch.Name, selector.Branch, branch.TargetSha, selector.Value);
            default:
                throw new ArgumentOutOfRangeException(nameof(selector), selector.Kind, "unknown ref kind");
        }
    }

    private static ResolvedRef ResolveSemver(string range, RemoteRefs refs)
    {
        var constraint = SemverConstraint.Parse(range);
        RemoteRef? best = null;
        NuGetVersion? bestVersion = null;
        foreach (var tag in refs.Tags)
        {
            var name = RemoteRefs.ShortName(tag.Name);
            if (SemverConstraint.TryParseTagVersion(name, out var version)
                && constraint.IsSatisfiedBy(version)
                && (bestVersion is null || VersionComparer.VersionRelease.Compare(version, bestVersion) > 0))
            {
                best = tag;
                bestVersion = version;
            }
        }

        return best is null
            ? throw NotFound($"no tag matches semver range '{range}'")
            : FromRef(best, RemoteRefs.ShortName(best.Name));
    }

    private static ResolvedRef FromRef(RemoteRef remote, string displayName) =>
        new(remote.Name, displayName, remote.TargetSha, null);

    private static GitSourceException NotFound(string message) => new(GitFailureReason.RefNotFound, message);
}
