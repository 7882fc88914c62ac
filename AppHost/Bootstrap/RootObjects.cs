using Homelab.Manifests.Objects;
using Homelab.Manifests.Rendering;
using Homelab.Manifests.Tools;

namespace Homelab.AppHost.Bootstrap;

/// <summary>
/// The objects under a root path of the repository, rendered the way Flux reads a bootstrap path: a
/// kustomization.yaml there decides, otherwise every YAML file under it.
/// </summary>
internal static class RootObjects
{
    /// <exception cref="Homelab.Manifests.ManifestException">The path is missing or does not render.</exception>
    public static async Task<IReadOnlyList<KubeObject>> RenderAsync(string repository, string root, CancellationToken cancellationToken)
    {
        var renderer = new ManifestRenderer(new KubeToolLocator(new KubeToolOptions()));
        var result = await renderer.RenderAsync(
            new RenderRequest
            {
                SourceRoot = repository,
                Path = root,
                Type = RenderType.Directory,
                Directory = new DirectoryOptions { Flux = true },
            },
            cancellationToken).ConfigureAwait(false);
        return result.Objects;
    }

    /// <summary>
    /// The repository URLs the root objects point at (GitRepository <c>url</c>, Application <c>repoURL</c>s):
    /// in a GitOps repository these name the repository itself, so they are what must resolve to the local copy.
    /// </summary>
    public static IEnumerable<string> RepositoryUrls(IEnumerable<KubeObject> objects)
    {
        foreach (var obj in objects)
        {
            switch (obj.Kind)
            {
                case "GitRepository" when obj.GetString("spec", "url") is { } url:
                    yield return url;
                    break;
                case "Application":
                    if (obj.GetString("spec", "source", "repoURL") is { } single)
                    {
                        yield return single;
                    }

                    if (obj.Get("spec", "sources") is System.Text.Json.Nodes.JsonArray sources)
                    {
                        foreach (var source in sources)
                        {
                            if (source?["repoURL"]?.GetValue<string>() is { } repoUrl)
                            {
                                yield return repoUrl;
                            }
                        }
                    }

                    break;
            }
        }
    }
}
