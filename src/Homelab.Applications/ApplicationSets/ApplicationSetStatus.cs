using System.Text.Json.Nodes;
using Homelab.Api.Status;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.ApplicationSets;

/// <summary>
/// The status Argo CD writes on an ApplicationSet: conditions ErrorOccurred, ParametersGenerated and
/// ResourcesUpToDate (plus Homelab's UnsupportedFields when the spec sets fields we do not honour), and
/// <c>resources</c>, the generated Applications with their sync and health.
/// </summary>
public static class ApplicationSetStatus
{
    private const string Generated = "Successfully generated parameters for all Applications";

    /// <summary>What happened in one reconcile: null error reason when all went well.</summary>
    public sealed record Outcome(bool ParametersGenerated, string? ErrorReason, string? ErrorMessage, string? Unsupported);

    public static JsonObject Build(KubeObject applicationSet, Outcome outcome, IReadOnlyList<KubeObject> applications, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(applicationSet);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(applications);
        var generation = applicationSet.Get("metadata", "generation") is JsonValue g && g.TryGetValue<long>(out var value) ? value : 0;
        var conditions = Existing(applicationSet);
        Condition Make(string type, bool status, string reason, string message) =>
            new(type, status ? ConditionStatus.True : ConditionStatus.False, reason, message, now, generation);

        var failed = outcome.ErrorReason is not null;
        conditions = Conditions.Set(conditions, failed
            ? Make(ApplicationSetReasons.ErrorOccurredType, true, outcome.ErrorReason!, outcome.ErrorMessage ?? "")
            : Make(ApplicationSetReasons.ErrorOccurredType, false, ApplicationSetReasons.UpToDate, Generated));
        conditions = Conditions.Set(conditions, outcome.ParametersGenerated
            ? Make(ApplicationSetReasons.ParametersGeneratedType, true, ApplicationSetReasons.ParametersGenerated, Generated)
            : Make(ApplicationSetReasons.ParametersGeneratedType, false, outcome.ErrorReason!, outcome.ErrorMessage ?? ""));
        conditions = Conditions.Set(conditions, failed
            ? Make(ApplicationSetReasons.ResourcesUpToDateType, false, outcome.ErrorReason!, outcome.ErrorMessage ?? "")
            : Make(ApplicationSetReasons.ResourcesUpToDateType, true, ApplicationSetReasons.UpToDate, "All applications have been generated successfully"));
        conditions = outcome.Unsupported is null
            ? Conditions.Remove(conditions, ConditionTypes.UnsupportedFields)
            : Conditions.Set(conditions, Make(ConditionTypes.UnsupportedFields, true, ConditionReasons.UnsupportedFields, outcome.Unsupported));

        return new JsonObject
        {
            ["conditions"] = new JsonArray([.. conditions.Select(c => (JsonNode)c.ToJson())]),
            ["resources"] = new JsonArray([.. applications.Select(Resource)]),
        };
    }

    /// <summary>True when writing <paramref name="status"/> would change nothing.</summary>
    public static bool IsCurrent(KubeObject applicationSet, JsonObject status)
    {
        ArgumentNullException.ThrowIfNull(applicationSet);
        var live = applicationSet.Get("status");
        return live is JsonObject current
            && JsonNode.DeepEquals(current["conditions"], status["conditions"])
            && JsonNode.DeepEquals(current["resources"], status["resources"]);
    }

    private static IReadOnlyList<Condition> Existing(KubeObject applicationSet) =>
        applicationSet.Get("status", "conditions") is JsonArray array
            ? [.. array.OfType<JsonObject>().Select(Condition.FromJson)]
            : [];

    private static JsonNode Resource(KubeObject application)
    {
        var resource = new JsonObject
        {
            ["group"] = "argoproj.io",
            ["version"] = "v1alpha1",
            ["kind"] = DesiredApplications.ApplicationKind,
            ["namespace"] = application.Namespace,
            ["name"] = application.Name,
        };
        if (application.GetString("status", "sync", "status") is { } sync)
        {
            resource["status"] = sync;
        }

        if (application.GetString("status", "health", "status") is { } health)
        {
            resource["health"] = new JsonObject { ["status"] = health };
        }

        return resource;
    }
}
