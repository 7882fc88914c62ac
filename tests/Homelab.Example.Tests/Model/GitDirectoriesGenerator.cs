using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Homelab.Manifests.Objects;

namespace Homelab.Example.Tests.Model;

/// <summary>
/// The ApplicationSet git-directories generator over a checkout, with the Go-template keys the
/// example uses (<c>.path.path</c>, <c>.path.basename</c>, <c>.path.basenameNormalized</c>). As with
/// <c>missingkey=error</c>, a template key it does not know is an error, not an empty string.
/// </summary>
public static partial class GitDirectoriesGenerator
{
    public static IReadOnlyList<ArgoApplication> Generate(KubeObject applicationSet, string sourceRoot)
    {
        var template = applicationSet.Get("spec", "template") as JsonObject
            ?? throw new InvalidOperationException($"ApplicationSet {applicationSet.Name} has no template");
        var applications = new List<ArgoApplication>();
        foreach (var generator in applicationSet.Get("spec", "generators")?.AsArray() ?? [])
        {
            var directories = generator?["git"]?["directories"]?.AsArray()
                ?? throw new InvalidOperationException($"ApplicationSet {applicationSet.Name}: only git directories generators are modelled");
            foreach (var path in Match(directories, sourceRoot))
            {
                applications.Add(new ArgoApplication(Instantiate(applicationSet, template, path), $"ApplicationSet {applicationSet.Name}"));
            }
        }

        return applications;
    }

    private static IEnumerable<string> Match(JsonArray directories, string sourceRoot)
    {
        var include = directories.Where(d => d?["exclude"]?.GetValue<bool>() != true).Select(d => Glob(d!["path"]!.GetValue<string>())).ToList();
        var exclude = directories.Where(d => d?["exclude"]?.GetValue<bool>() == true).Select(d => Glob(d!["path"]!.GetValue<string>())).ToList();
        return Directory.EnumerateDirectories(sourceRoot, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(sourceRoot, d).Replace('\\', '/'))
            .Where(d => !d.Split('/').Any(segment => segment.StartsWith('.')))
            .Where(d => include.Any(g => g.IsMatch(d)) && !exclude.Any(g => g.IsMatch(d)))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Go's path.Match as Argo uses it here: <c>*</c> and <c>?</c> never cross a <c>/</c>.</summary>
    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$");

    private static KubeObject Instantiate(KubeObject applicationSet, JsonObject template, string path)
    {
        var basename = path[(path.LastIndexOf('/') + 1)..];
        var text = template.ToJsonString()
            .Replace("{{.path.path}}", path, StringComparison.Ordinal)
            .Replace("{{.path.basenameNormalized}}", NotDnsLabel().Replace(basename.ToLowerInvariant(), "-"), StringComparison.Ordinal)
            .Replace("{{.path.basename}}", basename, StringComparison.Ordinal);
        var left = TemplateKey().Match(text);
        if (left.Success)
        {
            throw new InvalidOperationException($"ApplicationSet {applicationSet.Name}: template key {left.Value} has no value (missingkey=error)");
        }

        var body = JsonNode.Parse(text)!.AsObject();
        var metadata = body["metadata"]?.AsObject() ?? [];
        body.Remove("metadata");
        metadata["namespace"] = applicationSet.Namespace;
        var application = new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1",
            ["kind"] = "Application",
            ["metadata"] = metadata,
            ["spec"] = body["spec"]?.DeepClone(),
        };
        return new KubeObject(application, applicationSet.Source);
    }

    [GeneratedRegex(@"\{\{[^}]*\}\}")]
    private static partial Regex TemplateKey();

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotDnsLabel();
}
