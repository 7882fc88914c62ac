using System.Text.Json.Nodes;
using Homelab.Applications.Applications;
using Homelab.Applications.Comparison;
using Homelab.Applications.Telemetry;
using Homelab.Controllers.Status;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Operations;

/// <summary>
/// One attempt of a sync operation with Argo's bookkeeping around it: <c>operationState</c> is written
/// with phase Running (and the <c>operation</c> field cleared) before anything is applied, so a restart
/// mid-sync finds it and resumes; a failed attempt is retried by the retry policy; the finished state,
/// and for a successful full sync a history entry, go into the working status the reconciler writes.
/// </summary>
public sealed class OperationProcessor(
    OperationRunner runner,
    ApplicationComparer comparer,
    StatusWriter statusWriter,
    IClusterClient client,
    EventRecorder events,
    ApplicationTelemetry telemetry,
    TimeProvider time)
{
    public const string ReportingController = "argocd-application-controller";

    public async Task<OperationStep> ProcessAsync(
        ValidatedApplication app, SyncOperation operation, OperationStart start, ComparisonOutcome comparison, ApplicationState state, JsonObject status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(status);
        var startedAt = start.StartedAt ?? ApplicationStatusBuilder.Timestamp(time.GetUtcNow());
        var message = start.ResumedAfterRestart
            ? "Resuming the sync operation interrupted by a controller restart"
            : start.RetryCount > 0 ? $"Retrying attempt #{start.RetryCount}" : "Sync operation started";
        var running = OperationState(operation, OperationOutcome.Running, message, startedAt, start.RetryCount, finishedAt: null, syncResult: null);
        status["operationState"] = running;
        // A merge patch keeps fields it does not name: clear the previous operation's result explicitly.
        var runningPatch = (JsonObject)running.DeepClone();
        runningPatch["finishedAt"] = null;
        runningPatch["syncResult"] ??= null;
        await statusWriter.PatchStatusAsync(app.Object, new JsonObject { ["operationState"] = runningPatch }, ct);
        state.OwnsRunningOperation = true;
        if (start.FromField)
        {
            await client.PatchAsync(ObjectReference.From(app.Object), """{"operation":null}""", PatchType.Merge, new WriteOptions(), ct);
        }

        if (start.RetryCount == 0)
        {
            await events.RecordAsync(app.Object, ReportingController, EventSeverity.Normal, "OperationStarted",
                $"{(operation.Automated ? "Initiated automated sync" : $"{Who(operation)} initiated sync")} to {Target(operation, comparison)}", ct);
        }

        if (operation.Revisions.Any(r => !string.IsNullOrEmpty(r)) && !SameRevisions(operation.Revisions, comparison.Comparison.Revisions))
        {
            comparison = await comparer.CompareAsync(app, operation.Revisions, refresh: false, hard: false, ct);
        }

        OperationOutcome outcome;
        using (ApplicationTelemetry.Source.StartActivity("sync"))
        {
            outcome = await runner.RunAsync(app, operation, comparison, comparer.InstanceName(app.Object), ct);
        }

        telemetry.RecordSync(app.Object, outcome.Phase);
        if (!outcome.IsSuccess && outcome.Phase != OperationOutcome.Error && RetryBackoff.MayRetry(operation.Retry, start.RetryCount))
        {
            var delay = RetryBackoff.Delay(operation.Retry!, start.RetryCount);
            var next = time.GetUtcNow() + delay;
            status["operationState"] = OperationState(operation, OperationOutcome.Running,
                $"Retrying attempt #{start.RetryCount + 1} at {next.UtcDateTime:HH:mm:ss}: {outcome.Message}", startedAt, start.RetryCount + 1, null, outcome.SyncResult);
            state.RetryNotBefore = next;
            return new OperationStep(outcome, delay);
        }

        var finishedAt = ApplicationStatusBuilder.Timestamp(time.GetUtcNow());
        status["operationState"] = OperationState(operation, outcome.Phase, outcome.Message, startedAt, start.RetryCount, finishedAt, outcome.SyncResult);
        state.OwnsRunningOperation = false;
        if (outcome.IsSuccess && operation.IsFull && !operation.DryRun && !operation.SelfHeal)
        {
            AppendHistory(status, app, operation, outcome, startedAt, finishedAt);
        }

        await events.RecordAsync(app.Object, ReportingController, outcome.IsSuccess ? EventSeverity.Normal : EventSeverity.Warning, "OperationCompleted",
            outcome.IsSuccess ? $"Sync operation to {Target(operation, comparison)} succeeded" : $"Sync operation to {Target(operation, comparison)} failed: {outcome.Message}", ct);
        return new OperationStep(outcome, null);
    }

    private static JsonObject OperationState(SyncOperation operation, string phase, string message, string startedAt, int retryCount, string? finishedAt, JsonObject? syncResult)
    {
        var state = new JsonObject
        {
            ["operation"] = operation.ToJson(),
            ["phase"] = phase,
            ["message"] = message,
            ["startedAt"] = startedAt,
        };
        if (finishedAt is not null)
        {
            state["finishedAt"] = finishedAt;
        }

        if (syncResult is not null)
        {
            state["syncResult"] = syncResult.DeepClone();
        }

        if (retryCount > 0)
        {
            state["retryCount"] = retryCount;
        }

        return state;
    }

    private static void AppendHistory(JsonObject status, ValidatedApplication app, SyncOperation operation, OperationOutcome outcome, string startedAt, string finishedAt)
    {
        var history = status["history"] as JsonArray ?? [];
        var nextId = history.OfType<JsonObject>().Select(h => h["id"]?.GetValue<long>() ?? 0).DefaultIfEmpty(-1).Max() + 1;
        var entry = new JsonObject { ["id"] = nextId };
        foreach (var key in new[] { "revision", "revisions", "source", "sources" })
        {
            if (outcome.SyncResult[key] is { } value)
            {
                entry[key] = value.DeepClone();
            }
        }

        entry["deployedAt"] = finishedAt;
        entry["deployStartedAt"] = startedAt;
        entry["initiatedBy"] = operation.Automated ? new JsonObject { ["automated"] = true } : new JsonObject { ["username"] = operation.InitiatedBy };
        var kept = history.OfType<JsonObject>().Select(h => (JsonNode)h.DeepClone()).Append(entry).ToList();
        var limit = Math.Max(1, app.Spec.RevisionHistoryLimit);
        status["history"] = new JsonArray([.. kept.Skip(Math.Max(0, kept.Count - limit))]);
    }

    private static bool SameRevisions(IReadOnlyList<string?> requested, IReadOnlyList<string> compared) =>
        requested.Select((r, i) => string.IsNullOrEmpty(r) || (i < compared.Count && compared[i].StartsWith(r, StringComparison.OrdinalIgnoreCase))).All(b => b);

    private static string Who(SyncOperation operation) => operation.InitiatedBy.Length > 0 ? operation.InitiatedBy : "Unknown user";

    private static string Target(SyncOperation operation, ComparisonOutcome comparison) =>
        operation.Revisions.FirstOrDefault(r => !string.IsNullOrEmpty(r)) ?? (comparison.Comparison.Revision is { Length: >= 7 } r ? r[..7] : "HEAD");
}
