using System.Text.Json.Nodes;

namespace Homelab.DevCluster.Defaulting;

/// <summary>Small helpers for "set when absent", the only thing defaulting ever does.</summary>
internal static class JsonDefaults
{
    public static void SetIfMissing(JsonObject target, string key, JsonNode? value)
    {
        if (target[key] is null)
        {
            target[key] = value;
        }
    }

    public static JsonObject Object(JsonObject target, string key)
    {
        if (target[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        target[key] = created;
        return created;
    }

    public static IEnumerable<JsonObject> Items(JsonNode? array) => (array as JsonArray)?.OfType<JsonObject>() ?? [];
}
