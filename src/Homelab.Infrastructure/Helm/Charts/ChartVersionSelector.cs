using Homelab.Git.Refs;
using Homelab.Infrastructure.Helm.Repositories;
using Homelab.Manifests;

namespace Homelab.Infrastructure.Helm.Charts;

/// <summary>
/// Picks the chart version a HelmRelease's <c>chart.spec.version</c> asks for from an index: an exact version as
/// written, otherwise the highest version satisfying the semver range (<c>*</c>, the default, is the latest
/// stable one, as Helm's and Flux's resolution).
/// </summary>
public static class ChartVersionSelector
{
    public static ChartVersionEntry Select(RepositoryIndex index, string chart, string version)
    {
        if (!index.Entries.TryGetValue(chart, out var versions) || versions.Count == 0)
        {
            throw new ManifestException($"no chart named '{chart}' in the repository index");
        }

        if (versions.FirstOrDefault(v => v.Version == version) is { } exact)
        {
            return exact;
        }

        if (!SemverConstraint.TryParse(version, out var constraint, out var error))
        {
            throw new ManifestException($"invalid chart version '{version}': {error}");
        }

        return versions
            .Where(v => v.SemanticVersion is not null && constraint.IsSatisfiedBy(v.SemanticVersion))
            .MaxBy(v => v.SemanticVersion)
            ?? throw new ManifestException($"no '{chart}' chart version matches '{version}' (available: {string.Join(", ", versions.Take(10).Select(v => v.Version))}{(versions.Count > 10 ? ", …" : "")})");
    }
}
