using System.Text.Json.Nodes;
using Homelab.Applications.Comparison;
using Homelab.Applications.Gating;
using Homelab.Applications.Operations;
using Homelab.Applications.Telemetry;
using Homelab.Controllers;
using Homelab.Controllers.Status;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Homelab.Applications.Applications;

/// <summary>
/// Reconciles one Argo CD Application: validate (InvalidSpecError), compare (Git only on a poll, a
/// refresh request or a new spec), run the requested, resumed or automated sync behind the layer gate,
/// and write the status in Argo's shape only when it changed.
/// <para>
/// <c>reconciledAt</c> is written when something else changed or after a Git poll / requested refresh,
/// never on its own for a drift or health wake-up: a steady app costs no status write between polls.
/// </para>
/// </summary>
public sealed class ApplicationReconciler(
    ClusterCache cache,
    IClusterClient client,
    ApplicationValidator validator,
    ApplicationComparer comparer,
    OperationProcessor operations,
    ApplicationFinalizer finalizer,
    ApplicationStates states,
    ILayerGate gate,
    StatusWriter statusWriter,
    ApplicationTelemetry telemetry,
    IOptions<ApplicationControllerOptions> options,
    TimeProvider time,
    ILogger<ApplicationReconciler> logger) : IReconciler
{
    public const string Group = "argoproj.io";
    public const string Kind = "Application";
    public const string RefreshAnnotation = "argocd.argoproj.io/refresh";

    private readonly ApplicationControllerOptions _options = options.Value;

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var app = cache.Get(new ObjectId(Group, Kind, key.Namespace, key.Name));
        if (app is null)
        {
            states.Forget(key);
            return ReconcileResult.Done;
        }

        if (app.Get("metadata", "deletionTimestamp") is not null)
        {
            var gone = await finalizer.FinalizeAsync(app, cancellationToken);
            if (gone)
            {
                states.Forget(key);
                return ReconcileResult.Done;
            }

            return ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(1));
        }

        using var activity = ApplicationTelemetry.Source.StartActivity("reconcile application");
        activity?.SetTag("application", key.ToString());
        using var measure = telemetry.MeasureReconcile(app);
        try
        {
            return await ReconcileLiveAsync(key, app, cancellationToken);
        }
        catch (NotFoundException)
        {
            // Deleted while we worked: the delete event brings us back.
            return ReconcileResult.Done;
        }
    }

    private async Task<ReconcileResult> ReconcileLiveAsync(ObjectKey key, KubeObject app, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var state = states.For(key);
        var before = app.Get("status") as JsonObject;
        var status = (JsonObject?)before?.DeepClone() ?? [];
        var conditions = new List<(string Type, string Message)>();
        var operationField = app.Get("operation") as JsonObject;

        var (validated, invalid) = await validator.ValidateAsync(app, ct);
        if (validated is null)
        {
            conditions.AddRange(invalid.Select(m => (ApplicationConditionTypes.InvalidSpecError, m)));
            ApplicationStatusBuilder.ApplyUnknown(status, null);
            if (operationField is not null)
            {
                FailRequestedOperation(status, operationField, string.Join("; ", invalid), now);
                await client.PatchAsync(ObjectReference.From(app), """{"operation":null}""", PatchType.Merge, new WriteOptions(), ct);
            }

            ApplicationStatusBuilder.SetConditions(status, conditions, now);
            await WriteAsync(app, before, status, force: false, now, ct);
            return ReconcileResult.RequeueAfter(NextPoll(state, now, refreshed: false));
        }

        conditions.AddRange(validated.Warnings.Select(w => (ApplicationConditionTypes.UnsupportedFields, w)));
        var annotation = app.GetAnnotation(RefreshAnnotation);
        var pending = state.TakeRefresh();
        var generation = app.Get("metadata", "generation")?.GetValue<long>() ?? 0;
        var hard = annotation == "hard" || pending == "hard";
        var refresh = hard || annotation is not null || pending is not null || now >= state.NextPoll || generation != state.ComparedGeneration;
        var comparison = await comparer.CompareAsync(validated, [], refresh, hard, ct);
        state.ComparedGeneration = generation;
        if (annotation is not null)
        {
            var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RefreshAnnotation] = null } } };
            await client.PatchAsync(ObjectReference.From(app), patch.ToJsonString(), PatchType.Merge, new WriteOptions(), ct);
        }

        if (comparison.Rendered is { Warnings.Count: > 0 } rendered)
        {
            conditions.AddRange(rendered.Warnings.Select(w => (ApplicationConditionTypes.UnsupportedFields, w)));
        }

        TimeSpan? wakeAfter = null;
        if (!comparison.Comparison.Succeeded)
        {
            conditions.AddRange(comparison.Comparison.Errors.Select(e => (ApplicationConditionTypes.ComparisonError, e)));
            ApplicationStatusBuilder.ApplyUnknown(status, validated);
            if (operationField is not null)
            {
                FailRequestedOperation(status, operationField, $"ComparisonError: {string.Join("; ", comparison.Comparison.Errors)}", now);
                await client.PatchAsync(ObjectReference.From(app), """{"operation":null}""", PatchType.Merge, new WriteOptions(), ct);
            }
        }
        else
        {
            ApplicationStatusBuilder.ApplyComparison(status, validated, comparison);
            var (operation, start, syncError, hold) = ChooseOperation(validated, comparison, operationField, status, state, now);
            wakeAfter = hold;
            if (syncError is not null)
            {
                conditions.Add((ApplicationConditionTypes.SyncError, syncError));
            }

            if (operation is not null)
            {
                var decision = gate.Check(app);
                state.WaitingForInfrastructure = !decision.Open;
                if (!decision.Open)
                {
                    conditions.Add((ApplicationConditionTypes.WaitingForInfrastructure, decision.WaitingFor));
                    logger.LogDebug("Application {Application} waits: {WaitingFor}", key, decision.WaitingFor);
                }
                else
                {
                    var step = await operations.ProcessAsync(validated, operation, start!, comparison, state, status, ct);
                    wakeAfter = step.RetryAfter;
                    // Compare again (cache and render only) so the status shows the state the sync left.
                    var after = await comparer.CompareAsync(validated, [], refresh: false, hard: false, ct);
                    if (after.Comparison.Succeeded)
                    {
                        ApplicationStatusBuilder.ApplyComparison(status, validated, after);
                    }
                }
            }
            else
            {
                state.WaitingForInfrastructure = false;
            }
        }

        ApplicationStatusBuilder.SetConditions(status, conditions, now);
        await WriteAsync(app, before, status, force: refresh, now, ct);
        var next = NextPoll(state, now, refresh);
        return ReconcileResult.RequeueAfter(wakeAfter is { } w && w < next ? w : next);
    }

    /// <summary>The operation to run now, if any: requested (<c>operation</c>), Running in status (retry or resume), or automated.</summary>
    private static (SyncOperation? Operation, OperationStart? Start, string? SyncError, TimeSpan? Hold) ChooseOperation(
        ValidatedApplication app, ComparisonOutcome comparison, JsonObject? operationField, JsonObject status, ApplicationState state, DateTimeOffset now)
    {
        if (SyncOperation.Read(operationField, app.Spec) is { } requested)
        {
            return (requested, new OperationStart(FromField: true, ResumedAfterRestart: false, 0, null), null, null);
        }

        var operationState = status["operationState"] as JsonObject;
        if (operationState?["phase"]?.GetValue<string>() == OperationOutcome.Running && operationState["finishedAt"] is null
            && SyncOperation.Read(operationState["operation"] as JsonObject, app.Spec) is { } running)
        {
            var wait = state.RetryNotBefore - now;
            if (state.OwnsRunningOperation && wait > TimeSpan.Zero)
            {
                return (null, null, null, wait);
            }

            var retries = (int)(operationState["retryCount"]?.GetValue<long>() ?? 0);
            var start = new OperationStart(false, ResumedAfterRestart: !state.OwnsRunningOperation, retries, operationState["startedAt"]?.GetValue<string>());
            return (running, start, null, null);
        }

        var (automatic, error, hold) = AutoSyncDecision.Decide(app, comparison, operationState, state, now);
        return automatic is null
            ? (null, null, error, hold)
            : (automatic, new OperationStart(false, false, 0, null), null, null);
    }

    /// <summary>A requested operation that cannot start (invalid spec, comparison error) ends at once with phase Error, as in Argo.</summary>
    private static void FailRequestedOperation(JsonObject status, JsonObject operation, string message, DateTimeOffset now)
    {
        var at = ApplicationStatusBuilder.Timestamp(now);
        status["operationState"] = new JsonObject
        {
            ["operation"] = operation.DeepClone(),
            ["phase"] = OperationOutcome.Error,
            ["message"] = message,
            ["startedAt"] = at,
            ["finishedAt"] = at,
        };
    }

    private async Task WriteAsync(KubeObject app, JsonObject? before, JsonObject status, bool force, DateTimeOffset now, CancellationToken ct)
    {
        if (!force && !ApplicationStatusBuilder.Changed(before, status))
        {
            return;
        }

        status["reconciledAt"] = ApplicationStatusBuilder.Timestamp(now);
        await statusWriter.PatchStatusAsync(app, MergePatch.Replacing(before, status), ct);
    }

    private TimeSpan NextPoll(ApplicationState state, DateTimeOffset now, bool refreshed)
    {
        if (refreshed || state.NextPoll == DateTimeOffset.MinValue)
        {
            // Up to 10% jitter so a hundred apps created together do not poll together forever.
            var jitter = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * _options.RefreshInterval.TotalMilliseconds * 0.1);
            state.NextPoll = now + _options.RefreshInterval + jitter;
        }

        var wait = state.NextPoll - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }
}
