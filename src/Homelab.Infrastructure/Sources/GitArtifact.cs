using Homelab.Git.Revisions;

namespace Homelab.Infrastructure.Sources;

/// <summary>A GitRepository's stored artifact: the commit in the bare cache and the ignore rules its tree is cut with.</summary>
public sealed record GitArtifact(GitRevision Revision, string CacheRepositoryPath, string? Ignore, DateTimeOffset StoredAt);
