using Homelab.Git.Revisions;

namespace Homelab.Git.Fetching;

/// <summary>
/// Where a tracked source stands after a refresh: the revision to serve (the last good one when the
/// refresh failed) and, on failure, the scrubbed error and its reason for the status condition.
/// </summary>
public sealed record GitSourceStatus(
    GitRevision? Revision,
    bool Changed,
    bool HistoryRewritten,
    string? Error,
    GitFailureReason? FailureReason,
    string? CacheRepositoryPath)
{
    public bool Succeeded => Error is null;
}
