using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Homelab.Api.Applications.V1;
using Homelab.Api.Common.V1;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Api;

/// <summary>Reads an Application (spec and status as the controller wrote them) into the API's messages.</summary>
internal static class ApplicationMapper
{
    /// <summary>The condition the controller writes while the infrastructure layer holds a sync back.</summary>
    public const string WaitingCondition = "WaitingForInfrastructure";

    public static Application ToProto(KubeObject app, IReadOnlyList<ResourceNode> tree)
    {
        var automated = app.Get("spec", "syncPolicy", "automated") as JsonObject;
        var result = new Application
        {
            Ref = new ApplicationRef { Namespace = app.Namespace ?? "", Name = app.Name },
            Project = Str(app.GetString("spec", "project")) is { Length: > 0 } p ? p : "default",
            DestServer = Str(app.GetString("spec", "destination", "server")),
            DestName = Str(app.GetString("spec", "destination", "name")),
            DestNamespace = Str(app.GetString("spec", "destination", "namespace")),
            SyncStatus = Str(app.GetString("status", "sync", "status")) is { Length: > 0 } s ? s : "Unknown",
            SyncRevision = Str(app.GetString("status", "sync", "revision")),
            HealthStatus = Str(app.GetString("status", "health", "status")) is { Length: > 0 } h ? h : "Unknown",
            HealthMessage = Str(app.GetString("status", "health", "message")),
            AutoSync = automated is not null,
            AutoPrune = automated?["prune"]?.GetValue<bool>() ?? false,
            SelfHeal = automated?["selfHeal"]?.GetValue<bool>() ?? false,
            ReconciledAt = Time(app.GetString("status", "reconciledAt")),
            Created = Time(app.GetString("metadata", "creationTimestamp")),
        };
        result.Sources.AddRange(Sources(app.Get("spec", "source"), app.Get("spec", "sources")));
        foreach (var condition in Objects(app.Get("status", "conditions")))
        {
            var type = Str(condition["type"]?.GetValue<string>());
            var message = Str(condition["message"]?.GetValue<string>());
            result.Conditions.Add(new AppCondition { Type = type, Message = message, LastTransitionTime = Time(condition["lastTransitionTime"]?.GetValue<string>()) });
            if (type == WaitingCondition)
            {
                result.WaitingFor = message;
            }
        }

        foreach (var resource in Objects(app.Get("status", "resources")))
        {
            result.Resources.Add(new ResourceStatus
            {
                Resource = Ref(resource),
                Status = Str(resource["status"]?.GetValue<string>()),
                HealthStatus = Str((resource["health"] as JsonObject)?["status"]?.GetValue<string>()),
                HealthMessage = Str((resource["health"] as JsonObject)?["message"]?.GetValue<string>()),
                Hook = resource["hook"]?.GetValue<bool>() ?? false,
                RequiresPruning = resource["requiresPruning"]?.GetValue<bool>() ?? false,
                SyncWave = (int)(resource["syncWave"]?.GetValue<long>() ?? 0),
            });
        }

        if (app.Get("status", "operationState") is JsonObject operation)
        {
            result.OperationState = Operation(operation);
        }

        result.Tree.AddRange(tree);
        return result;
    }

    public static HistoryEntry History(JsonObject entry)
    {
        var history = new HistoryEntry
        {
            Id = entry["id"]?.GetValue<long>() ?? 0,
            Revision = Str(entry["revision"]?.GetValue<string>()),
            DeployedAt = Time(entry["deployedAt"]?.GetValue<string>()),
            DeployStartedAt = Time(entry["deployStartedAt"]?.GetValue<string>()),
        };
        history.Revisions.AddRange((entry["revisions"] as JsonArray)?.Select(r => r?.GetValue<string>() ?? "") ?? []);
        history.Sources.AddRange(Sources(entry["source"], entry["sources"]));
        return history;
    }

    public static ResourceRef Ref(JsonObject resource) => new()
    {
        Group = Str(resource["group"]?.GetValue<string>()),
        Version = Str(resource["version"]?.GetValue<string>()),
        Kind = Str(resource["kind"]?.GetValue<string>()),
        Namespace = Str(resource["namespace"]?.GetValue<string>()),
        Name = Str(resource["name"]?.GetValue<string>()),
    };

    public static IEnumerable<JsonObject> Objects(JsonNode? array) => (array as JsonArray)?.OfType<JsonObject>() ?? [];

    public static Timestamp? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? Timestamp.FromDateTimeOffset(time) : null;

    private static OperationState Operation(JsonObject operation)
    {
        var syncResult = operation["syncResult"] as JsonObject;
        var state = new OperationState
        {
            Phase = Str(operation["phase"]?.GetValue<string>()),
            Message = Str(operation["message"]?.GetValue<string>()),
            StartedAt = Time(operation["startedAt"]?.GetValue<string>()),
            FinishedAt = Time(operation["finishedAt"]?.GetValue<string>()),
            Revision = Str(syncResult?["revision"]?.GetValue<string>()),
            RetryCount = (int)(operation["retryCount"]?.GetValue<long>() ?? 0),
        };
        foreach (var resource in Objects(syncResult?["resources"]))
        {
            state.Results.Add(new ResourceResult
            {
                Resource = Ref(resource),
                Status = Str(resource["status"]?.GetValue<string>()),
                Message = Str(resource["message"]?.GetValue<string>()),
                HookType = Str(resource["hookType"]?.GetValue<string>()),
                HookPhase = Str(resource["hookPhase"]?.GetValue<string>()),
                SyncPhase = Str(resource["syncPhase"]?.GetValue<string>()),
            });
        }

        return state;
    }

    private static IEnumerable<Source> Sources(JsonNode? single, JsonNode? many)
    {
        var sources = single is JsonObject one ? [one] : Objects(many);
        return sources.Select(s => new Source
        {
            RepoUrl = Str(s["repoURL"]?.GetValue<string>()),
            Path = Str(s["path"]?.GetValue<string>()),
            TargetRevision = Str(s["targetRevision"]?.GetValue<string>()),
            Chart = Str(s["chart"]?.GetValue<string>()),
            Ref = Str(s["ref"]?.GetValue<string>()),
        });
    }

    private static string Str(string? value) => value ?? "";
}
