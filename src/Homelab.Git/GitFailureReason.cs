namespace Homelab.Git;

/// <summary>Why a Git operation failed; maps to Flux's FetchFailed reasons and Argo's comparison errors.</summary>
public enum GitFailureReason
{
    /// <summary>Network, protocol or server error (Flux: GitOperationFailed).</summary>
    Transport,

    /// <summary>The operation did not finish within its timeout.</summary>
    Timeout,

    /// <summary>The server rejected the credentials (Flux: AuthenticationFailed).</summary>
    AuthenticationFailed,

    /// <summary>The wanted branch, tag, ref or commit does not exist (any more) on the remote.</summary>
    RefNotFound,

    /// <summary>The ref specification itself is invalid, e.g. a malformed semver range.</summary>
    InvalidReference,

    /// <summary>The URL needs a transport this build cannot speak (SSH in a libgit2 built without it, or no OpenSSH client).</summary>
    UnsupportedTransport,

    /// <summary>The repository content cannot be served safely, e.g. a symlink escaping the tree.</summary>
    UnsafeContent,
}
