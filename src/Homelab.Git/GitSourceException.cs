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
