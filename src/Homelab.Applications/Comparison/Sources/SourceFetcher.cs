using System.Collections.Concurrent;
using Homelab.Api.Argo;
using Homelab.Git.Credentials;
using Homelab.Git.Fetching;
using Homelab.Git.Refs;

namespace Homelab.Applications.Comparison.Sources;

/// <summary>
/// Resolves Application sources to commits. One <see cref="TrackedGitSource"/> per (repoURL, revision) is
/// shared by every Application that names it, so a hundred apps on one branch cost one ls-remote per
/// refresh. Without <c>refresh</c> the last good revision is served without touching Git at all.
/// </summary>
public sealed class SourceFetcher(GitSourceClient git, RepositoryCredentials credentials)
{
    private readonly ConcurrentDictionary<(string Url, string Revision), Tracked> _sources = new();

    /// <param name="revision">Overrides the source's targetRevision (a sync to a commit, a rollback); null uses it.</param>
    /// <param name="refresh">Ask the remote whether the ref moved (a poll, a refresh annotation, a new spec).</param>
    public async Task<FetchedSource> FetchAsync(ApplicationSource source, string? revision, bool refresh, CancellationToken cancellationToken)
    {
        if (source.Chart is not null)
        {
            throw new ComparisonException($"source {source.RepoUrl}: Helm repository charts (source.chart) are not supported yet; point source.path at a chart in Git");
        }

        var target = string.IsNullOrEmpty(revision) ? source.TargetRevision : revision;
        var key = (Url: source.RepoUrl, Revision: target);
        var creds = await credentials.ForAsync(source.RepoUrl, reload: false, cancellationToken);
        var tracked = _sources.AddOrUpdate(
            key,
            _ => new Tracked(new TrackedGitSource(git, new GitSourceRequest(source.RepoUrl, ArgoTargetRevision.ToSelector(target), creds)), creds),
            (_, existing) => ReferenceEquals(existing.Credentials, creds)
                ? existing
                : new Tracked(new TrackedGitSource(git, new GitSourceRequest(source.RepoUrl, ArgoTargetRevision.ToSelector(target), creds)), creds));

        if (!refresh && tracked.Last is { Revision: { } known, CacheRepositoryPath: { } path })
        {
            return new FetchedSource(source, known, path);
        }

        var status = await tracked.Source.RefreshAsync(cancellationToken);
        tracked.Last = status;
        if (status.Error is not null || status.Revision is null || status.CacheRepositoryPath is null)
        {
            throw new ComparisonException($"rpc error: failed to fetch {source.RepoUrl} at '{target}': {status.Error ?? "no revision"}");
        }

        return new FetchedSource(source, status.Revision, status.CacheRepositoryPath);
    }

    private sealed class Tracked(TrackedGitSource source, GitCredentials credentials)
    {
        public TrackedGitSource Source { get; } = source;

        public GitCredentials Credentials { get; } = credentials;

        public GitSourceStatus? Last { get; set; }
    }
}
