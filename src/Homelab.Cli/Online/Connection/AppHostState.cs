using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homelab.Cli.Online.Connection;

/// <summary>
/// The running AppHost's <c>.homelab/apphost.json</c>: resources with their state and named endpoints,
/// and an optional top-level <c>token</c>. Read tolerantly: fields the AppHost has not written yet are
/// simply absent.
/// </summary>
public sealed record AppHostState(string Path, IReadOnlyList<AppHostResource> Resources, string? Token)
{
    public const string RelativePath = ".homelab/apphost.json";

    /// <summary>The nearest <c>.homelab/apphost.json</c> in <paramref name="directory"/> or above it, or null.</summary>
    public static string? Find(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var candidate = System.IO.Path.Combine(current.FullName, ".homelab", "apphost.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static AppHostState Read(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"{path}: cannot read the AppHost state: {e.Message}", e);
        }

        if (root is not JsonObject state)
        {
            throw new CommandFailedException($"{path}: the AppHost state is not a JSON object");
        }

        var resources = new List<AppHostResource>();
        if (state["resources"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                var endpoints = new Dictionary<string, string>(StringComparer.Ordinal);
                if (item["endpoints"] is JsonObject named)
                {
                    foreach (var (name, value) in named)
                    {
                        if (value is JsonValue v && v.TryGetValue<string>(out var url))
                        {
                            endpoints[name] = url;
                        }
                    }
                }

                resources.Add(new AppHostResource(Text(item["name"]) ?? "", Text(item["state"]), endpoints));
            }
        }

        return new AppHostState(path, resources, Text(state["token"]));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}

public sealed record AppHostResource(string Name, string? State, IReadOnlyDictionary<string, string> Endpoints);
