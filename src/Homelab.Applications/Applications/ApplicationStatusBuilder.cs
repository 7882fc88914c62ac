using System.Text.Json.Nodes;
using Homelab.Applications.Comparison;
using Homelab.Manifests.Health;

namespace Homelab.Applications.Applications;

/// <summary>
/// Edits an Application's status object in Argo CD's shape. The reconciler starts from a copy of the
/// stored status, applies what it learnt, and writes only when the result differs.
/// </summary>
public static class ApplicationStatusBuilder
{
    /// <summary>sync, health, resources and sourceType(s) from a successful comparison.</summary>
    public static void ApplyComparison(JsonObject status, ValidatedApplication app, ComparisonOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(outcome);
        var comparison = outcome.Comparison;
        var counted = comparison.Resources.Where(r => !r.Hook).ToList();
        var sync = new JsonObject { ["status"] = counted.Any(r => r.Status == ResourceComparison.OutOfSync) ? ResourceComparison.OutOfSync : ResourceComparison.Synced };
        ApplicationStatusJson.AddRevisionAndSources(sync, app, comparison.Revisions);
        sync.Remove("source");
        sync.Remove("sources");
        sync["comparedTo"] = ApplicationStatusJson.ComparedTo(app);
        status["sync"] = sync;

        var codes = counted.Where(r => !r.RequiresPruning && r.HealthStatus.Length > 0)
            .Select(r => Enum.Parse<HealthStatusCode>(r.HealthStatus))
            .ToList();
        var worst = HealthAssessor.Worst(codes);
        var health = new JsonObject { ["status"] = worst.ToString() };
        var culprit = counted.FirstOrDefault(r => r.HealthStatus == worst.ToString() && worst != HealthStatusCode.Healthy && r.HealthMessage.Length > 0);
        if (culprit is not null)
        {
            health["message"] = $"{culprit.Id.Kind}/{culprit.Id.Name}: {culprit.HealthMessage}";
        }

        status["health"] = health;
        status["resources"] = new JsonArray([.. comparison.Resources.Select(r => (JsonNode)ApplicationStatusJson.Resource(r))]);

        var types = outcome.Rendered?.SourceTypes ?? [];
        if (app.Spec.IsMultiSource)
        {
            status.Remove("sourceType");
            status["sourceTypes"] = new JsonArray([.. types.Select(t => (JsonNode?)JsonValue.Create(t))]);
        }
        else
        {
            status.Remove("sourceTypes");
            status["sourceType"] = types.FirstOrDefault() ?? "Directory";
        }
    }

    /// <summary>Sync and health Unknown: the live state could not be compared (invalid spec or comparison error).</summary>
    public static void ApplyUnknown(JsonObject status, ValidatedApplication? app)
    {
        ArgumentNullException.ThrowIfNull(status);
        var sync = new JsonObject { ["status"] = "Unknown" };
        if (app is not null)
        {
            sync["comparedTo"] = ApplicationStatusJson.ComparedTo(app);
        }

        status["sync"] = sync;
        status["health"] = new JsonObject { ["status"] = HealthStatusCode.Unknown.ToString() };
    }

    /// <summary>Replaces the conditions; a condition that was already there keeps its lastTransitionTime.</summary>
    public static void SetConditions(JsonObject status, IEnumerable<(string Type, string Message)> conditions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(conditions);
        var previous = (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var next = new JsonArray();
        foreach (var (type, message) in conditions)
        {
            var same = previous.FirstOrDefault(c => c["type"]?.GetValue<string>() == type && c["message"]?.GetValue<string>() == message);
            next.Add(new JsonObject
            {
                ["type"] = type,
                ["message"] = message,
                ["lastTransitionTime"] = same?["lastTransitionTime"]?.DeepClone() ?? Timestamp(now),
            });
        }

        if (next.Count == 0)
        {
            status.Remove("conditions");
        }
        else
        {
            status["conditions"] = next;
        }
    }

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when the two differ in anything but <c>reconciledAt</c>.</summary>
    public static bool Changed(JsonObject? before, JsonObject after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var a = (JsonObject)after.DeepClone();
        a.Remove("reconciledAt");
        if (before is null)
        {
            return a.Count > 0;
        }

        var b = (JsonObject)before.DeepClone();
        b.Remove("reconciledAt");
        return !JsonNode.DeepEquals(a, b);
    }
}
