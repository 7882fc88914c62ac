using System.Globalization;
using System.Text.Json.Nodes;

namespace Homelab.Api.Status;

/// <summary>A Kubernetes status condition as Flux writes it (<c>metav1.Condition</c>).</summary>
public sealed record Condition(
    string Type,
    string Status,
    string Reason,
    string Message,
    DateTimeOffset LastTransitionTime,
    long ObservedGeneration)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public bool IsTrue => Status == ConditionStatus.True;

    public JsonObject ToJson() => new()
    {
        ["type"] = Type,
        ["status"] = Status,
        ["observedGeneration"] = ObservedGeneration,
        ["lastTransitionTime"] = LastTransitionTime.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
        ["reason"] = Reason,
        ["message"] = Message,
    };

    /// <summary>Reads a condition written by anyone; missing fields read as empty rather than failing the whole status.</summary>
    public static Condition FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var time = DateTimeOffset.TryParse(Text(json, "lastTransitionTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : DateTimeOffset.UnixEpoch;
        var generation = json["observedGeneration"] is JsonValue value && value.TryGetValue<long>(out var g) ? g : 0;
        return new Condition(Text(json, "type"), Text(json, "status"), Text(json, "reason"), Text(json, "message"), time, generation);
    }

    private static string Text(JsonObject json, string key) =>
        json[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
