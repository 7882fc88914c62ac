using Homelab.Git.Revisions;

namespace Homelab.Git.Fetching;

/// <summary>The outcome of a sync: the revision now wanted and what it cost.</summary>
/// <param name="Revision">The resolved revision; its commit is present in the cache.</param>
/// <param name="Changed">The commit differs from the previous revision passed in.</param>
/// <param name="Fetched">A fetch ran (the ref moved, or the commit was not cached yet).</param>
/// <param name="HistoryRewritten">The branch moved to a commit that does not descend from the previous one (force-push).</param>
/// <param name="CacheRepositoryPath">The bare cache repository holding the commit, for snapshots.</param>
public sealed record GitSyncResult(GitRevision Revision, bool Changed, bool Fetched, bool HistoryRewritten, string CacheRepositoryPath);
