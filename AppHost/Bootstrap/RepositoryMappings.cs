using Homelab.AppHost.Configuration;
using Homelab.Manifests.Objects;

namespace Homelab.AppHost.Bootstrap;

/// <summary>
/// Which repository URLs the services fetch from the local copy, so a user's unchanged Flux and Argo YAML
/// (whose <c>url</c>/<c>repoURL</c> name the repository on GitHub) reconciles what is on this machine.
/// </summary>
internal static class RepositoryMappings
{
    /// <summary>
    /// The explicit <c>--map-repo</c> entries first, then — for a local checkout — its own remotes and every URL
    /// its root objects point at (in a GitOps repository those name the repository itself).
    /// </summary>
    public static IReadOnlyList<RepositoryMapping> For(AppHostOptions options, LocalRepository repository, IEnumerable<KubeObject> rootObjects)
    {
        var mappings = new List<RepositoryMapping>(options.Mappings);
        if (!repository.IsWatched)
        {
            return mappings;
        }

        var explicitSources = options.Mappings.Select(m => m.From).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var automatic = repository.RemoteUrls
            .Concat(RootObjects.RepositoryUrls(rootObjects))
            .Where(url => !explicitSources.Contains(url) && !url.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        mappings.AddRange(automatic.Select(url => new RepositoryMapping(url, repository.FetchUrl)));
        return mappings;
    }
}
