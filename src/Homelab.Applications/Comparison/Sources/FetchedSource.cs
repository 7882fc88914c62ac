using Homelab.Api.Argo;
using Homelab.Git.Revisions;

namespace Homelab.Applications.Comparison.Sources;

/// <summary>One Application source resolved to a commit, with the bare cache repository that holds it.</summary>
public sealed record FetchedSource(ApplicationSource Source, GitRevision Revision, string CacheRepositoryPath);
