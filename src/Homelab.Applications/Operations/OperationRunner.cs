using System.Text.Json.Nodes;
using Homelab.Applications.Applications;
using Homelab.Applications.Comparison;
using Homelab.Engine.Diff.Ignore;
using Homelab.Engine.Inventory;
using Homelab.Engine.Plan;
using Homelab.Engine.Results;
using Homelab.Engine.Sync;
using Homelab.Manifests;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Operations;

/// <summary>
/// Runs one attempt of a sync operation through the engine (Argo's phases, waves and hooks): builds the
/// <see cref="SyncRequest"/> from the comparison and the operation, and turns the engine's report into
/// Argo's <c>syncResult</c>. Resources the project forbids fail the operation before anything is applied.
/// </summary>
public sealed class OperationRunner(SyncExecutor executor)
{
    public async Task<OperationOutcome> RunAsync(ValidatedApplication app, SyncOperation operation, ComparisonOutcome comparison, string instanceName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(comparison);
        var result = NewSyncResult(app, comparison);
        if (!comparison.Comparison.Succeeded)
        {
            return new OperationOutcome(OperationOutcome.Error, $"ComparisonError: {string.Join("; ", comparison.Comparison.Errors)}", result);
        }

        var forbidden = comparison.Comparison.Resources.Where(r => r.PermissionError is not null && Selected(operation, r.Id)).ToList();
        if (forbidden.Count > 0)
        {
            var entries = (JsonArray)result["resources"]!;
            foreach (var resource in forbidden)
            {
                entries.Add(Entry(resource.Id, resource.Version, "SyncFailed", resource.PermissionError!, null, SyncPhase.Sync));
            }

            return new OperationOutcome(OperationOutcome.Failed, $"one or more synchronization tasks are not valid: {forbidden[0].PermissionError}", result);
        }

        SyncOptions options;
        IgnoreRuleSet ignore;
        try
        {
            options = SyncOptions.Default.With(operation.SyncOptions, $"Application {app.Key}");
            ignore = IgnoreRules.Compile(app.Spec.IgnoreDifferences);
        }
        catch (Exception e) when (e is ManifestException or ArgumentException or FormatException)
        {
            return new OperationOutcome(OperationOutcome.Error, e.Message, result);
        }

        var desired = comparison.Desired.Where(o => Selected(operation, o.Id)).ToList();
        var request = new SyncRequest(desired, ApplicationComparer.FieldManager, new ArgoOwnerMark(instanceName))
        {
            Mode = PlanningMode.Phased,
            PreviousInventory = [.. comparison.PreviousInventory.Where(id => Selected(operation, id))],
            Prune = operation.Prune,
            DryRun = operation.DryRun,
            AppOptions = options,
            DestinationNamespace = app.Spec.Destination.Namespace,
            IgnoreDifferences = ignore,
        };
        var report = await executor.SyncAsync(request, cancellationToken);
        var desiredIds = desired.Select(o => o.Id).ToHashSet();
        var resources = (JsonArray)result["resources"]!;
        foreach (var obj in report.Result.Objects)
        {
            resources.Add(Entry(obj, desiredIds.Contains(obj.Id)));
        }

        var succeeded = report.Result.Succeeded && !report.Result.Failures.Any();
        var message = succeeded
            ? operation.DryRun ? "successfully synced (dry run)" : "successfully synced (all tasks run)"
            : Failure(report.Result);
        return new OperationOutcome(succeeded ? OperationOutcome.Succeeded : OperationOutcome.Failed, message, result);
    }

    private static string Failure(SyncResult result)
    {
        var first = result.Failures.FirstOrDefault();
        var reason = first is null ? result.Message : $"{first.Id.Kind}/{first.Id.Name}: {first.Message}";
        return result.Outcome == SyncOutcome.Canceled
            ? "sync was interrupted"
            : $"one or more objects failed to apply, reason: {reason ?? result.Message ?? "unknown"}";
    }

    private static bool Selected(SyncOperation operation, ObjectId id) =>
        operation.IsFull || operation.Resources.Any(r =>
            r.Group == id.Group && r.Kind == id.Kind && r.Name == id.Name && (r.Namespace is null || r.Namespace == id.Namespace));

    private static JsonObject NewSyncResult(ValidatedApplication app, ComparisonOutcome comparison)
    {
        var result = new JsonObject { ["resources"] = new JsonArray() };
        ApplicationStatusJson.AddRevisionAndSources(result, app, comparison.Comparison.Revisions);
        return result;
    }

    private static JsonObject Entry(ObjectResult obj, bool desired)
    {
        var status = obj.Action switch
        {
            SyncAction.Failed => "SyncFailed",
            SyncAction.Pruned => "Pruned",
            SyncAction.Skipped when !desired => "PruneSkipped",
            _ => "Synced",
        };
        var verb = obj.Action switch
        {
            SyncAction.Pruned => "pruned",
            SyncAction.Skipped => "skipped",
            _ => obj.Action.ToString().ToLowerInvariant(),
        };
        var message = obj.Message ?? $"{obj.Id.Kind.ToLowerInvariant()}/{obj.Id.Name} {verb}";
        var entry = Entry(obj.Id, obj.Version, status, message, obj.IsHook ? obj.Phase : null, obj.Phase);
        if (obj.IsHook)
        {
            entry["hookPhase"] = obj.Action == SyncAction.Failed ? "Failed" : "Succeeded";
        }

        return entry;
    }

    private static JsonObject Entry(ObjectId id, string version, string status, string message, SyncPhase? hookType, SyncPhase syncPhase)
    {
        var entry = new JsonObject
        {
            ["group"] = id.Group,
            ["version"] = version,
            ["kind"] = id.Kind,
            ["namespace"] = id.Namespace ?? "",
            ["name"] = id.Name,
            ["status"] = status,
            ["message"] = message,
        };
        if (hookType is { } hook)
        {
            entry["hookType"] = hook.ToString();
        }

        entry["syncPhase"] = syncPhase.ToString();
        return entry;
    }
}
