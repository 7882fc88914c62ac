using Homelab.Git.Revisions;

namespace Homelab.Git.Fetching;

/// <summary>
/// One watched repository and ref (a GitRepository object, or an Application's source). It remembers
/// the last good revision so that a failed refresh — wrong password, server down, a deleted branch —
/// keeps serving that revision while reporting the error. A force-pushed branch is followed (Git is
/// the source of truth, as in Flux and Argo CD) and flagged as <see cref="GitSourceStatus.HistoryRewritten"/>.
/// </summary>
public sealed class TrackedGitSource(GitSourceClient client, GitSourceRequest request)
{
    private readonly Lock _lock = new();
    private GitRevision? _lastGood;
    private string? _cachePath;

    public GitSourceRequest Request { get; } = request;

    public GitRevision? LastGoodRevision
    {
        get
        {
            lock (_lock)
            {
                return _lastGood;
            }
        }
    }

    /// <summary>Checks the remote and fetches when the ref moved. Never throws for Git failures; cancellation still throws.</summary>
    public async Task<GitSourceStatus> RefreshAsync(CancellationToken cancellationToken)
    {
        var previous = LastGoodRevision;
        try
        {
            var result = await client.SyncAsync(Request, previous, cancellationToken);
            lock (_lock)
            {
                _lastGood = result.Revision;
                _cachePath = result.CacheRepositoryPath;
            }

            return new GitSourceStatus(result.Revision, result.Changed, result.HistoryRewritten, null, null, result.CacheRepositoryPath);
        }
        catch (GitSourceException e)
        {
            string? cachePath;
            lock (_lock)
            {
                cachePath = _cachePath;
            }

            return new GitSourceStatus(previous, Changed: false, HistoryRewritten: false, e.Message, e.Reason, cachePath);
        }
    }
}
