using System.Text.Json.Nodes;
using Homelab.Api.Argo;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Operations;

/// <summary>
/// One sync to run: Argo's <c>operation</c> (<c>{sync: {revision|revisions, prune, dryRun, resources,
/// syncOptions}, initiatedBy, retry}</c>), written by the API, by <c>kubectl patch</c>, or made up by the
/// controller for an automated sync. <see cref="Resources"/> empty means the whole app.
/// </summary>
public sealed record SyncOperation(
    IReadOnlyList<string?> Revisions,
    bool Prune,
    bool DryRun,
    IReadOnlyList<ObjectId> Resources,
    IReadOnlyList<string> SyncOptions,
    string InitiatedBy,
    bool Automated,
    RetryStrategy? Retry)
{
    /// <summary>A self-heal sync: never recorded in history.</summary>
    public bool SelfHeal { get; init; }

    public bool IsFull => Resources.Count == 0;

    public static SyncOperation Automatic(ApplicationSpec spec, IReadOnlyList<string> revisions, bool selfHeal) => new(
        [.. revisions],
        spec.SyncPolicy?.Automated?.Prune ?? false,
        DryRun: false,
        [],
        spec.SyncPolicy?.SyncOptions ?? [],
        "automated sync policy",
        Automated: true,
        // Automated syncs retry 5 times when no policy is set (Argo CD 3.x).
        spec.SyncPolicy?.Retry ?? new RetryStrategy(5, RetryStrategy.DefaultDuration, RetryStrategy.DefaultFactor, RetryStrategy.DefaultMaxDuration))
    {
        SelfHeal = selfHeal,
    };

    /// <summary>Reads an <c>operation</c> object; null when it holds no <c>sync</c>.</summary>
    public static SyncOperation? Read(JsonObject? operation, ApplicationSpec spec)
    {
        if (operation?["sync"] is not JsonObject sync)
        {
            return null;
        }

        IReadOnlyList<string?> revisions = sync["revisions"] is JsonArray many
            ? [.. many.Select(r => r?.GetValue<string>())]
            : [Str(sync["revision"])];
        var resources = (sync["resources"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(r => new ObjectId(Str(r["group"]) ?? "", Str(r["kind"]) ?? "", Str(r["namespace"]) is { Length: > 0 } ns ? ns : null, Str(r["name"]) ?? ""))
            .ToList();
        var options = (sync["syncOptions"] as JsonArray ?? []).Select(o => o?.GetValue<string>()).OfType<string>().ToList();
        var initiatedBy = operation["initiatedBy"] is JsonObject by
            ? (by["automated"]?.GetValue<bool>() == true ? "automated sync policy" : Str(by["username"]) ?? "")
            : "";
        return new SyncOperation(
            revisions,
            sync["prune"]?.GetValue<bool>() ?? false,
            sync["dryRun"]?.GetValue<bool>() ?? false,
            resources,
            options.Count > 0 ? options : spec.SyncPolicy?.SyncOptions ?? [],
            initiatedBy,
            operation["initiatedBy"]?["automated"]?.GetValue<bool>() == true,
            ReadRetry(operation["retry"] as JsonObject) ?? spec.SyncPolicy?.Retry);
    }

    /// <summary>Argo's <c>operationState.operation</c> shape.</summary>
    public JsonObject ToJson()
    {
        var sync = new JsonObject();
        if (Revisions.Count > 1)
        {
            sync["revisions"] = new JsonArray([.. Revisions.Select(r => (JsonNode?)JsonValue.Create(r ?? ""))]);
        }
        else if (Revisions.Count == 1 && !string.IsNullOrEmpty(Revisions[0]))
        {
            sync["revision"] = Revisions[0];
        }

        if (Prune)
        {
            sync["prune"] = true;
        }

        if (DryRun)
        {
            sync["dryRun"] = true;
        }

        if (Resources.Count > 0)
        {
            sync["resources"] = new JsonArray([.. Resources.Select(r => (JsonNode)new JsonObject
            {
                ["group"] = r.Group,
                ["kind"] = r.Kind,
                ["namespace"] = r.Namespace ?? "",
                ["name"] = r.Name,
            })]);
        }

        if (SyncOptions.Count > 0)
        {
            sync["syncOptions"] = new JsonArray([.. SyncOptions.Select(o => (JsonNode?)JsonValue.Create(o))]);
        }

        var json = new JsonObject
        {
            ["sync"] = sync,
            ["initiatedBy"] = Automated ? new JsonObject { ["automated"] = true } : new JsonObject { ["username"] = InitiatedBy },
        };
        if (Retry is { } retry)
        {
            json["retry"] = new JsonObject
            {
                ["limit"] = retry.Limit,
                ["backoff"] = new JsonObject
                {
                    ["duration"] = $"{(long)retry.Duration.TotalSeconds}s",
                    ["factor"] = retry.Factor,
                    ["maxDuration"] = $"{(long)retry.MaxDuration.TotalSeconds}s",
                },
            };
        }

        return json;
    }

    private static RetryStrategy? ReadRetry(JsonObject? retry)
    {
        if (retry is null)
        {
            return null;
        }

        var backoff = retry["backoff"] as JsonObject;
        return new RetryStrategy(
            retry["limit"]?.GetValue<long>() ?? 0,
            Duration(backoff?["duration"]) ?? RetryStrategy.DefaultDuration,
            backoff?["factor"]?.GetValue<long>() ?? RetryStrategy.DefaultFactor,
            Duration(backoff?["maxDuration"]) ?? RetryStrategy.DefaultMaxDuration);
    }

    private static TimeSpan? Duration(JsonNode? node) =>
        Str(node) is { } text && Homelab.Api.Specs.GoDuration.TryParse(text, out var value, out _) ? value.Value : null;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
