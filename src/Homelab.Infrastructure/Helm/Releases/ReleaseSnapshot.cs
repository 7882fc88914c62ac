using System.Globalization;
using System.Text.Json.Nodes;

namespace Homelab.Infrastructure.Helm.Releases;

/// <summary>
/// One release version as Flux records it in <c>status.history</c> (newest first): <see cref="Status"/> is
/// <c>deployed</c>, <c>superseded</c> or <c>failed</c>; <see cref="ConfigDigest"/> is the digest of the merged values and
/// <see cref="Digest"/> the digest of the rendered manifest.
/// </summary>
public sealed record ReleaseSnapshot(
    string Name,
    string Namespace,
    int Version,
    string Status,
    string ChartName,
    string ChartVersion,
    string? AppVersion,
    string ConfigDigest,
    string Digest,
    DateTimeOffset FirstDeployed,
    DateTimeOffset LastDeployed,
    string Description)
{
    public const string Deployed = "deployed";
    public const string Superseded = "superseded";
    public const string Failed = "failed";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary><c>ns/name.v3</c>, as Flux names a release version in messages.</summary>
    public string FullName => $"{Namespace}/{Name}.v{Version}";

    /// <summary><c>podinfo@6.5.0</c>.</summary>
    public string Chart => $"{ChartName}@{ChartVersion}";

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["name"] = Name,
            ["namespace"] = Namespace,
            ["version"] = Version,
            ["status"] = Status,
            ["chartName"] = ChartName,
            ["chartVersion"] = ChartVersion,
            ["configDigest"] = ConfigDigest,
            ["digest"] = Digest,
            ["firstDeployed"] = FirstDeployed.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
            ["lastDeployed"] = LastDeployed.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
            ["description"] = Description,
        };
        if (AppVersion is not null)
        {
            json["appVersion"] = AppVersion;
        }

        return json;
    }

    public static ReleaseSnapshot FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new ReleaseSnapshot(
            Text(json, "name") ?? "",
            Text(json, "namespace") ?? "",
            json["version"] is JsonValue v && v.TryGetValue<int>(out var version) ? version : 0,
            Text(json, "status") ?? "",
            Text(json, "chartName") ?? "",
            Text(json, "chartVersion") ?? "",
            Text(json, "appVersion"),
            Text(json, "configDigest") ?? "",
            Text(json, "digest") ?? "",
            Time(json, "firstDeployed"),
            Time(json, "lastDeployed"),
            Text(json, "description") ?? "");
    }

    private static string? Text(JsonObject json, string key) => json[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset Time(JsonObject json, string key) =>
        DateTimeOffset.TryParse(Text(json, key), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : DateTimeOffset.UnixEpoch;
}
