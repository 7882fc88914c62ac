namespace Homelab.Git.Refs;

/// <summary>
/// A selector matched against the remote's refs: which remote ref to fetch (null when a bare
/// commit must be found among all branches and tags), the name shown in the revision, and the
/// object the remote advertises for it.
/// </summary>
public sealed record ResolvedRef(string? FetchRef, string? DisplayName, string? AdvertisedSha, string? PinnedCommit);
