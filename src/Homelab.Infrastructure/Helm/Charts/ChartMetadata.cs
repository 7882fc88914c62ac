using System.Text.Json.Nodes;
using Homelab.Manifests;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Infrastructure.Helm.Charts;

/// <summary>What the history records about a chart: its name, version and appVersion from <c>Chart.yaml</c>.</summary>
public sealed record ChartMetadata(string Name, string Version, string? AppVersion)
{
    public static ChartMetadata Read(string chartDirectory, string display)
    {
        var file = Path.Combine(chartDirectory, "Chart.yaml");
        if (!File.Exists(file))
        {
            throw new ManifestException("no Chart.yaml here: not a Helm chart", new SourceLocation(display));
        }

        var chartFile = $"{display.TrimEnd('/')}/Chart.yaml";
        var root = YamlReader.ReadNode(YamlReader.Decode(File.ReadAllBytes(file), chartFile), chartFile) as JsonObject
            ?? throw new ManifestException("Chart.yaml is not a mapping", new SourceLocation(chartFile));
        var name = Text(root["name"]) ?? throw new ManifestException("Chart.yaml has no name", new SourceLocation(chartFile));
        var version = Text(root["version"]) ?? throw new ManifestException("Chart.yaml has no version", new SourceLocation(chartFile));
        return new ChartMetadata(name, version, Text(root["appVersion"]));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.ToString() is { Length: > 0 } text ? text : null;
}
