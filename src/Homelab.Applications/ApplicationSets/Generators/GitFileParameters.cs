using System.Text.Json.Nodes;
using Homelab.Applications.ApplicationSets.Templates;
using Homelab.Manifests;
using Homelab.Manifests.Yaml;

namespace Homelab.Applications.ApplicationSets.Generators;

/// <summary>
/// The Git files generator over a checked-out tree: each file matching a pattern holds a YAML or JSON object
/// (one parameter set) or a list of objects (one set each). Go-template form keeps the content's nesting;
/// the flat form joins nested keys with dots (<c>cluster.address</c>, list items by index). The file's
/// <c>path</c> parameters are added (see <see cref="PathParameters"/>), overriding a content key named <c>path</c>.
/// </summary>
public static class GitFileParameters
{
    public static IReadOnlyList<Dictionary<string, object?>> Generate(string root, IReadOnlyList<string> patterns, string? pathParamPrefix, bool goTemplate)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(patterns);
        var globs = patterns.Select(PathGlob.ForFiles).ToList();
        var files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => globs.Any(g => g.IsMatch(f)))
            .Order(StringComparer.Ordinal);

        var result = new List<Dictionary<string, object?>>();
        foreach (var file in files)
        {
            foreach (var content in Read(root, file))
            {
                var parameters = goTemplate
                    ? new Dictionary<string, object?>((IReadOnlyDictionary<string, object?>)GoValues.FromJson(content)!, StringComparer.Ordinal)
                    : Flatten(content);
                var slash = file.LastIndexOf('/');
                PathParameters.Add(parameters, slash < 0 ? "" : file[..slash], file[(slash + 1)..], pathParamPrefix, goTemplate);
                result.Add(parameters);
            }
        }

        return result;
    }

    private static IEnumerable<JsonObject> Read(string root, string file)
    {
        JsonNode? node;
        try
        {
            node = YamlReader.ReadNode(File.ReadAllText(Path.Combine(root, file)), file);
        }
        catch (ManifestException e)
        {
            throw new GeneratorException($"git files generator: {e.Message}");
        }

        switch (node)
        {
            case JsonObject obj:
                return [obj];
            case JsonArray array when array.All(i => i is JsonObject):
                return array.Cast<JsonObject>();
            case null:
                return [];
            default:
                throw new GeneratorException($"git files generator: {file} must hold a YAML/JSON object or a list of objects");
        }
    }

    private static Dictionary<string, object?> Flatten(JsonObject content)
    {
        var flat = new Dictionary<string, object?>(StringComparer.Ordinal);
        Flatten(content, "", flat);
        return flat;
    }

    private static void Flatten(JsonNode? node, string prefix, Dictionary<string, object?> flat)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Flatten(value, prefix.Length == 0 ? key : $"{prefix}.{key}", flat);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{prefix}.{i}", flat);
                }

                break;
            default:
                flat[prefix] = GoValues.Print(GoValues.FromJson(node));
                break;
        }
    }
}
