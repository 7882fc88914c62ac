namespace Homelab.Git;

/// <summary>
/// A user-facing Git source failure. Messages never contain credentials: URLs are scrubbed of
/// userinfo before they are put in a message, so the text is safe for status conditions and logs.
/// </summary>
public sealed class GitSourceException(GitFailureReason reason, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public GitFailureReason Reason { get; } = reason;

    /// <summary>Worth retrying: the network or the server may recover without any change on our side.</summary>
    public bool IsTransient => Reason is GitFailureReason.Transport or GitFailureReason.Timeout;
}

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

    /// <summary>The URL needs a transport this build cannot speak (SSH without libssh2).</summary>
    UnsupportedTransport,

    /// <summary>The repository content cannot be served safely, e.g. a symlink escaping the tree.</summary>
    UnsafeContent,
}
