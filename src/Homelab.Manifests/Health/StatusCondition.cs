using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health;

/// <summary>One entry of a Kubernetes-style <c>conditions</c> list.</summary>
internal sealed record StatusCondition(string Type, string Status, string Reason, string Message)
{
    public bool IsTrue => Status == "True";

    public bool IsFalse => Status == "False";

    public bool IsUnknown => Status == "Unknown";

    /// <summary>"Reason: message", or whichever of the two is present.</summary>
    public string Describe() => (Reason, Message) switch
    {
        ({ Length: > 0 }, { Length: > 0 }) => $"{Reason}: {Message}",
        ({ Length: > 0 }, _) => Reason,
        _ => Message,
    };

    /// <summary>The conditions under <c>status.conditions</c>; entries without a type are skipped.</summary>
    public static IReadOnlyList<StatusCondition> ReadAll(KubeObject obj) => Parse(obj.Get("status", "conditions"));

    public static StatusCondition? Find(KubeObject obj, string type) =>
        ReadAll(obj).FirstOrDefault(c => c.Type == type);

    public static IReadOnlyList<StatusCondition> Parse(JsonNode? conditions)
    {
        if (conditions is not JsonArray array)
        {
            return [];
        }

        var result = new List<StatusCondition>(array.Count);
        foreach (var item in array)
        {
            if (item is JsonObject entry && Text(entry, "type") is { Length: > 0 } type)
            {
                result.Add(new StatusCondition(type, Text(entry, "status"), Text(entry, "reason"), Text(entry, "message")));
            }
        }

        return result;
    }

    private static string Text(JsonObject entry, string key) =>
        entry[key] is JsonValue value && value.TryGetValue<string>(out var s) ? s : "";
}
