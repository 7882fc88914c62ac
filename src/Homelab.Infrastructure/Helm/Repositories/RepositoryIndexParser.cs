using System.Text.Json.Nodes;
using Homelab.Git.Refs;
using Homelab.Manifests;
using Homelab.Manifests.Yaml;

namespace Homelab.Infrastructure.Helm.Repositories;

/// <summary>Reads a Helm repository <c>index.yaml</c>; a malformed index is a <see cref="ManifestException"/> naming what is wrong.</summary>
public static class RepositoryIndexParser
{
    /// <summary>Public indexes (e.g. large community repositories) are tens of MiB, far above a manifest's limits.</summary>
    private static readonly YamlLimits IndexLimits = new()
    {
        MaxFileBytes = 128L * 1024 * 1024,
        MaxDocuments = 1,
        MaxAliasExpandedNodes = 10_000_000,
    };

    public static RepositoryIndex Parse(string url, string revision, ReadOnlySpan<byte> utf8)
    {
        const string file = "index.yaml";
        var root = YamlReader.ReadNode(YamlReader.Decode(utf8, file, IndexLimits), file, IndexLimits) as JsonObject
            ?? throw new ManifestException("index.yaml is not a YAML mapping", new Homelab.Manifests.Objects.SourceLocation(file));
        if (root["entries"] is not JsonObject entries)
        {
            throw new ManifestException("index.yaml has no 'entries' mapping", new Homelab.Manifests.Objects.SourceLocation(file));
        }

        var charts = new Dictionary<string, IReadOnlyList<ChartVersionEntry>>(StringComparer.Ordinal);
        foreach (var (name, versions) in entries)
        {
            var list = new List<ChartVersionEntry>();
            foreach (var item in versions as JsonArray ?? [])
            {
                if (item is not JsonObject entry || Text(entry["version"]) is not { Length: > 0 } version)
                {
                    continue;
                }

                SemverConstraint.TryParseTagVersion(version, out var semantic);
                var urls = (entry["urls"] as JsonArray ?? []).Select(Text).OfType<string>().ToList();
                list.Add(new ChartVersionEntry(name, version, semantic, Text(entry["appVersion"]), urls, Text(entry["digest"])));
            }

            charts[name] = list;
        }

        return new RepositoryIndex(url, revision, charts);
    }

    /// <summary>YAML scalars may read as numbers (<c>appVersion: 1.2</c>); their text is what Helm means.</summary>
    private static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : null;
}
