using System.Text.Json.Nodes;

namespace Homelab.Kubernetes.Discovery;

/// <summary>Reads both discovery shapes into resource types: aggregated (apidiscovery.k8s.io/v2) and legacy APIResourceList.</summary>
internal static class DiscoveryDocument
{
    public const string AggregatedAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;q=0.9";

    /// <summary>The content type tells which shape came back; a body is never sniffed (a legacy answer is labelled plain JSON).</summary>
    public static bool IsAggregated(string? contentType) =>
        contentType is not null && contentType.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal)
        && contentType.Contains("v=v2", StringComparison.Ordinal);

    /// <summary>Types per group in server order; versions in preference order (first non-stale first).</summary>
    public static IEnumerable<ResourceType> ReadAggregated(JsonObject list)
    {
        foreach (var group in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var groupName = Text(group["metadata"]?["name"]);
            var versions = (group["versions"] as JsonArray ?? []).OfType<JsonObject>()
                .OrderBy(v => Text(v["freshness"]) == "Stale" ? 1 : 0);
            foreach (var version in versions)
            {
                foreach (var resource in (version["resources"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    // A resource without responseKind is dropped, as kubectl does.
                    if (resource["responseKind"] is not JsonObject responseKind || Text(responseKind["kind"]) is not { Length: > 0 } kind)
                    {
                        continue;
                    }

                    yield return new ResourceType(
                        groupName,
                        Text(version["version"]),
                        kind,
                        Text(resource["resource"]),
                        Text(resource["scope"]) == "Namespaced",
                        Verbs(resource["verbs"]));
                }
            }
        }
    }

    public static IEnumerable<ResourceType> ReadResourceList(JsonObject list, string group, string version)
    {
        foreach (var resource in (list["resources"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = Text(resource["name"]);
            if (name.Contains('/', StringComparison.Ordinal))
            {
                continue; // a subresource such as deployments/status
            }

            yield return new ResourceType(group, version, Text(resource["kind"]), name, resource["namespaced"]?.GetValue<bool>() ?? false, Verbs(resource["verbs"]));
        }
    }

    public static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : "";

    private static List<string> Verbs(JsonNode? node) => [.. (node as JsonArray ?? []).Select(Text).Where(v => v.Length > 0)];
}
