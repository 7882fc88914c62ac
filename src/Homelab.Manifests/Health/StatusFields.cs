using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health;

/// <summary>
/// Typed reads of spec/status fields. A field that is missing or has the wrong type reads as absent, because
/// health is assessed on whatever the API server returned and must never fail on a half-written status.
/// </summary>
internal static class StatusFields
{
    public static long? GetInteger(this KubeObject obj, params ReadOnlySpan<string> path) => AsInteger(obj.Get(path));

    public static long GetIntegerOrZero(this KubeObject obj, params ReadOnlySpan<string> path) =>
        obj.GetInteger(path) ?? 0;

    public static bool GetBoolean(this KubeObject obj, params ReadOnlySpan<string> path) =>
        obj.Get(path) is JsonValue value && value.TryGetValue<bool>(out var b) && b;

    public static JsonArray? GetArray(this KubeObject obj, params ReadOnlySpan<string> path) => obj.Get(path) as JsonArray;

    public static bool HasItems(this KubeObject obj, params ReadOnlySpan<string> path) => obj.GetArray(path) is { Count: > 0 };

    /// <summary><c>metadata.generation</c>; 0 when the object has never been stored.</summary>
    public static long Generation(this KubeObject obj) => obj.GetIntegerOrZero("metadata", "generation");

    public static long ObservedGeneration(this KubeObject obj) => obj.GetIntegerOrZero("status", "observedGeneration");

    public static long? AsInteger(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        return value.TryGetValue<double>(out var d) && d == Math.Floor(d) ? (long)d : null;
    }

    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}
