using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Manifests.Rendering;

/// <summary>
/// Checks every path a kustomization (and the kustomizations it pulls in) names before kustomize runs.
/// kustomize's load restrictor only confines plain files to each kustomization's folder: a resource
/// such as <c>../../../etc</c> that is itself a kustomization folder is allowed by kustomize, so the
/// source-root confinement must be enforced here. Remote resources are refused too: a render must
/// depend on the snapshot only.
/// </summary>
internal sealed class KustomizationScanner(SourceTree tree, RenderLimits limits)
{
    private static readonly string[] PathListFields =
        ["resources", "bases", "components", "crds", "generators", "transformers", "validators", "configurations", "patchesStrategicMerge"];

    private static readonly string[] PathObjectListFields = ["patches", "patchesJson6902", "replacements"];

    private static readonly string[] GeneratorFields = ["configMapGenerator", "secretGenerator"];

    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);

    public void Check(string directory)
    {
        if (!_visited.Add(directory) || KustomizationFile.Find(directory) is not { } file)
        {
            return;
        }

        var location = new SourceLocation(tree.Display(file));
        tree.EnsureNoEscapingLinks(directory, limits.MaxFiles);
        var bytes = File.ReadAllBytes(file);
        var root = YamlReader.ReadNode(YamlReader.Decode(bytes, location.File, limits.Yaml), location.File, limits.Yaml);
        if (root is null)
        {
            return;
        }

        if (root is not JsonObject kustomization)
        {
            throw new ManifestException("a kustomization must be a mapping", location);
        }

        foreach (var path in ReferencedPaths(kustomization))
        {
            if (IsRemote(path))
            {
                throw new ManifestException($"remote resource '{path}' is not allowed; vendor it into the repository", location);
            }

            var real = tree.Resolve(path, directory, location);
            if (System.IO.Directory.Exists(real))
            {
                Check(real);
            }
        }
    }

    private static IEnumerable<string> ReferencedPaths(JsonObject kustomization)
    {
        foreach (var field in PathListFields)
        {
            foreach (var text in Strings(kustomization[field]))
            {
                // Inline patches and generator configs are YAML text, not paths.
                if (!text.Contains('\n', StringComparison.Ordinal))
                {
                    yield return text;
                }
            }
        }

        foreach (var field in PathObjectListFields)
        {
            foreach (var item in (kustomization[field] as JsonArray ?? []).OfType<JsonObject>())
            {
                foreach (var text in Strings(item["path"]))
                {
                    yield return text;
                }
            }
        }

        foreach (var field in GeneratorFields)
        {
            foreach (var generator in (kustomization[field] as JsonArray ?? []).OfType<JsonObject>())
            {
                foreach (var file in Strings(generator["files"]))
                {
                    // "key=path" names the key; the path is after the first '='.
                    var equals = file.IndexOf('=', StringComparison.Ordinal);
                    yield return equals < 0 ? file : file[(equals + 1)..];
                }

                foreach (var env in Strings(generator["envs"]).Concat(Strings(generator["env"])))
                {
                    yield return env;
                }
            }
        }

        if (kustomization["openapi"] is JsonObject openapi)
        {
            foreach (var text in Strings(openapi["path"]))
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var s) => [s],
        JsonArray array => array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>(),
        _ => [],
    };

    private static bool IsRemote(string path) =>
        path.Contains("://", StringComparison.Ordinal)
        || path.StartsWith("git@", StringComparison.Ordinal)
        || path.StartsWith("github.com/", StringComparison.Ordinal)
        || path.StartsWith("gitlab.com/", StringComparison.Ordinal)
        || path.StartsWith("bitbucket.org/", StringComparison.Ordinal);
}
