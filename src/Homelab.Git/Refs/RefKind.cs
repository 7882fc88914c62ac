namespace Homelab.Git.Refs;

public enum RefKind
{
    /// <summary>Whatever branch the remote HEAD points at (Flux with no ref, Argo <c>HEAD</c> or empty).</summary>
    DefaultBranch,
    Branch,
    Tag,

    /// <summary>The highest tag satisfying a semver range.</summary>
    SemVer,

    /// <summary>A full ref name such as <c>refs/pull/42/head</c> (Flux <c>ref.name</c>).</summary>
    Name,

    /// <summary>A pinned commit, optionally fetched through a branch.</summary>
    Commit,

    /// <summary>Argo's targetRevision: a branch if one has that name, else a tag.</summary>
    BranchOrTag,
}
