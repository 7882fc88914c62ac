using NuGet.Versioning;

namespace Homelab.Infrastructure.Helm.Repositories;

/// <summary>
/// A Helm repository's parsed <c>index.yaml</c> as fetched at <see cref="Revision"/> (<c>sha256:&lt;hex&gt;</c> of
/// the index bytes, as Flux's HelmRepository artifact revision). Kept in memory per repository so chart
/// resolution never re-reads the index.
/// </summary>
public sealed record RepositoryIndex(string Url, string Revision, IReadOnlyDictionary<string, IReadOnlyList<ChartVersionEntry>> Entries);

/// <summary>One chart version listed in an index: where its package is and the digest it must have.</summary>
public sealed record ChartVersionEntry(string Name, string Version, NuGetVersion? SemanticVersion, string? AppVersion, IReadOnlyList<string> Urls, string? Digest);
