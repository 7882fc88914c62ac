using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Homelab.Api.Infrastructure.V1;
using Homelab.Api.Status;
using Homelab.Infrastructure.Sources;
using Homelab.Manifests.Objects;
using CommonCondition = Homelab.Api.Common.V1.Condition;

namespace Homelab.Infrastructure.ApiService;

/// <summary>Any of the four Flux kinds as the API's <see cref="FluxObject"/>: what <c>flux get</c> shows and the status behind it.</summary>
public static class FluxObjectMapper
{
    public static FluxObject ToProto(KubeObject obj)
    {
        var conditions = ReadConditions(obj);
        var ready = conditions.FirstOrDefault(c => c.Type == ConditionTypes.Ready);
        var result = new FluxObject
        {
            Ref = new ObjectRef { Kind = obj.Kind, Namespace = obj.Namespace ?? "", Name = obj.Name },
            Ready = ready?.Status ?? ConditionStatus.Unknown,
            Reason = ready?.Reason ?? "",
            Message = ready?.Message ?? "",
            Revision = Revision(obj),
            LastAttemptedRevision = obj.GetString("status", "lastAttemptedRevision") ?? "",
            Suspended = obj.Get("spec", "suspend") is JsonValue suspend && suspend.TryGetValue<bool>(out var suspended) && suspended,
            Generation = Number(obj.Get("metadata", "generation")),
            ObservedGeneration = Number(obj.Get("status", "observedGeneration")),
            LastHandledReconcileAt = obj.GetString("status", "lastHandledReconcileAt") ?? "",
            Path = PathOf(obj),
        };
        if (Time(obj.GetString("metadata", "creationTimestamp")) is { } created)
        {
            result.Created = created;
        }

        result.Conditions.AddRange(conditions.Select(ToProto));
        if (SourceOf(obj) is { } source)
        {
            result.Source = source;
        }

        result.DependsOn.AddRange(DependsOn(obj));
        if (obj.Kind == FluxKinds.HelmRelease)
        {
            result.History.AddRange(History(obj));
        }

        return result;
    }

    public static IReadOnlyList<Condition> ReadConditions(KubeObject obj) =>
        obj.Get("status", "conditions") is JsonArray array ? [.. array.OfType<JsonObject>().Select(Condition.FromJson)] : [];

    /// <summary>Sources: the artifact revision; Kustomization: the last applied revision; HelmRelease: that, else the chart version last deployed.</summary>
    public static string Revision(KubeObject obj) => obj.Kind switch
    {
        FluxKinds.GitRepository or FluxKinds.HelmRepository => obj.GetString("status", "artifact", "revision") ?? "",
        FluxKinds.HelmRelease => obj.GetString("status", "lastAppliedRevision")
            ?? (obj.Get("status", "history") as JsonArray)?.FirstOrDefault()?["chartVersion"]?.GetValue<string>() ?? "",
        _ => obj.GetString("status", "lastAppliedRevision") ?? "",
    };

    public static bool IsSuspended(KubeObject obj) =>
        obj.Get("spec", "suspend") is JsonValue suspend && suspend.TryGetValue<bool>(out var suspended) && suspended;

    /// <summary>The source a Kustomization or HelmRelease reads, in the object's namespace unless it names one.</summary>
    public static ObjectRef? SourceOf(KubeObject obj)
    {
        var reference = obj.Kind switch
        {
            FluxKinds.Kustomization => obj.Get("spec", "sourceRef") as JsonObject,
            FluxKinds.HelmRelease => obj.Get("spec", "chart", "spec", "sourceRef") as JsonObject ?? obj.Get("spec", "chartRef") as JsonObject,
            _ => null,
        };
        if (reference?["name"]?.GetValue<string>() is not { } name)
        {
            return null;
        }

        return new ObjectRef
        {
            Kind = reference["kind"]?.GetValue<string>() ?? "",
            Namespace = reference["namespace"]?.GetValue<string>() ?? obj.Namespace ?? "",
            Name = name,
        };
    }

    public static IEnumerable<ObjectRef> DependsOn(KubeObject obj) =>
        (obj.Get("spec", "dependsOn") as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(d => d["name"] is not null)
            .Select(d => new ObjectRef
            {
                Kind = obj.Kind,
                Namespace = d["namespace"]?.GetValue<string>() ?? obj.Namespace ?? "",
                Name = d["name"]!.GetValue<string>(),
            });

    private static string PathOf(KubeObject obj) => obj.Kind switch
    {
        FluxKinds.Kustomization => obj.GetString("spec", "path") ?? "",
        FluxKinds.HelmRelease => obj.GetString("spec", "chart", "spec", "chart") ?? obj.GetString("spec", "chartRef", "name") ?? "",
        _ => obj.GetString("spec", "url") ?? "",
    };

    private static IEnumerable<HelmReleaseRevision> History(KubeObject obj)
    {
        foreach (var entry in (obj.Get("status", "history") as JsonArray ?? []).OfType<JsonObject>())
        {
            var revision = new HelmReleaseRevision
            {
                Version = (int)Number(entry["version"]),
                ChartName = entry["chartName"]?.GetValue<string>() ?? "",
                ChartVersion = entry["chartVersion"]?.GetValue<string>() ?? "",
                Status = entry["status"]?.GetValue<string>() ?? "",
                Digest = entry["digest"]?.GetValue<string>() ?? "",
            };
            if (Time(entry["firstDeployed"]?.GetValue<string>()) is { } first)
            {
                revision.FirstDeployed = first;
            }

            if (Time(entry["lastDeployed"]?.GetValue<string>()) is { } last)
            {
                revision.LastDeployed = last;
            }

            yield return revision;
        }
    }

    private static CommonCondition ToProto(Condition condition)
    {
        var result = new CommonCondition
        {
            Type = condition.Type,
            Status = condition.Status,
            Reason = condition.Reason,
            Message = condition.Message,
            ObservedGeneration = condition.ObservedGeneration,
        };
        if (condition.LastTransitionTime != DateTimeOffset.UnixEpoch)
        {
            result.LastTransitionTime = Timestamp.FromDateTimeOffset(condition.LastTransitionTime);
        }

        return result;
    }

    private static long Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var number) ? number : 0;

    private static Timestamp? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? Timestamp.FromDateTimeOffset(time) : null;
}
