using System.CommandLine;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Homelab.Manifests.Yaml;

namespace Homelab.Cli.Online.Output;

/// <summary><c>-o json|yaml</c>: the API's protobuf messages as JSON (protobuf's JSON mapping) or the same document as YAML.</summary>
public static class OutputFormat
{
    public const string Table = "table";
    public const string Wide = "wide";
    public const string Json = "json";
    public const string Yaml = "yaml";

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithIndentation());

    public static Option<string> CreateOption(string defaultValue, params string[] allowed)
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = $"Output format: {string.Join('|', allowed)}.",
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }

    public static bool IsStructured(string? format) => format is Json or Yaml;

    public static string Render(IMessage message, string format)
    {
        var json = Formatter.Format(message);
        return format == Yaml ? YamlWriter.Write([JsonNode.Parse(json)!]) : json + "\n";
    }
}
