using System.Diagnostics;
using Homelab.Api.Flux;
using Homelab.Api.Specs;
using Homelab.Api.Status;
using Homelab.Controllers;
using Homelab.Controllers.Status;
using Homelab.Engine.Inventory;
using Homelab.Engine.Plan;
using Homelab.Engine.Results;
using Homelab.Engine.Sync;
using Homelab.Infrastructure.Finalizers;
using Homelab.Infrastructure.Sources;
using Homelab.Infrastructure.Telemetry;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary>
/// Reconciles one Flux Kustomization: spec → dependencies → source artifact → build → staged server-side
/// apply with prune and health → status, Events and the next run. Every step reads the watch cache, so a
/// run at the same revision with nothing drifted makes no API request at all.
/// </summary>
internal sealed class KustomizationReconciler(
    ClusterCache cache,
    ISourceArtifacts artifacts,
    KustomizationBuilder builder,
    SyncExecutor executor,
    HealthCheckWaiter healthChecks,
    KustomizationReporter reporter,
    InfrastructureTelemetry telemetry,
    IntervalJitter jitter,
    KustomizationFinalizer finalizer,
    TimeProvider time,
    ILogger<KustomizationReconciler> logger) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var ns = key.Namespace ?? "default";
        var obj = cache.Get(KustomizationKind.Id(ns, key.Name));
        if (obj is null)
        {
            // Gone: whatever had to be pruned was pruned while the finalizer held it.
            return ReconcileResult.Done;
        }

        var read = KustomizationReader.Read(obj);
        try
        {
            if (FluxFinalizer.IsDeleting(obj))
            {
                return await FinalizeAsync(obj, read, cancellationToken);
            }

            if (read.Spec.Suspend)
            {
                logger.LogDebug("Kustomization {Namespace}/{Name} is suspended", ns, key.Name);
                return ReconcileResult.Done;
            }

            if (!FluxFinalizer.Holds(obj))
            {
                // Before anything is applied, so nothing this object creates can outlive it unnoticed.
                obj = await finalizer.AddAsync(obj, cancellationToken);
            }
        }
        catch (NotFoundException)
        {
            return ReconcileResult.Done;
        }

        using var measure = telemetry.MeasureReconcile(KustomizationKind.Kind, ns, key.Name);
        using var activity = InfrastructureTelemetry.Source.StartActivity($"reconcile {KustomizationKind.Kind} {ns}/{key.Name}");
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["kind"] = KustomizationKind.Kind, ["namespace"] = ns, ["name"] = key.Name });
        var run = new Run(obj, read, new StatusTransitions(obj.Generation(), time.GetUtcNow(), RequestedAt(obj)));
        try
        {
            return await ReconcileAsync(run, cancellationToken);
        }
        catch (NotFoundException)
        {
            return ReconcileResult.Done;
        }
    }

    private async Task<ReconcileResult> FinalizeAsync(KubeObject obj, SpecResult<KustomizationSpec> read, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["kind"] = KustomizationKind.Kind, ["namespace"] = obj.Namespace, ["name"] = obj.Name });
        var failure = await finalizer.FinalizeAsync(obj, read, cancellationToken);
        if (failure is null)
        {
            return ReconcileResult.Done;
        }

        // The finalizer stays, so the objects are not orphaned; the next attempt prunes what is left.
        logger.LogWarning("Could not prune before deletion: {Message}", failure);
        await reporter.EventAsync(obj, EventSeverity.Warning, ConditionReasons.PruneFailed, failure, cancellationToken);
        return ReconcileResult.Retry(read.IsValid ? read.Spec.RetryInterval : null);
    }

    private async Task<ReconcileResult> ReconcileAsync(Run run, CancellationToken cancellationToken)
    {
        var spec = run.Read.Spec;
        if (!run.Read.IsValid)
        {
            return await StallAsync(run, ConditionReasons.InvalidSpec, $"invalid spec: {run.Read.Describe(SpecProblemKind.Invalid)}", cancellationToken);
        }

        if (run.Read.Unsupported.Count > 0)
        {
            // Applying while ignoring a field (decryption above all) would apply something other than what was asked.
            return await StallAsync(run, ConditionReasons.UnsupportedFields,
                $"not applied: unsupported fields: {run.Read.Describe(SpecProblemKind.Unsupported)}", cancellationToken);
        }

        var gate = new DependencyGate(cache);
        using var lease = await FetchAsync(spec.SourceRef, cancellationToken);
        if (lease is null)
        {
            var state = artifacts.Describe(spec.SourceRef);
            var source = $"Source '{spec.SourceRef.Kind}/{spec.SourceRef.Namespace}/{spec.SourceRef.Name}'";
            var message = state.Exists ? $"{source} is not ready: {state.Message}" : $"{source} not found";
            return await FailAsync(run, ConditionReasons.ArtifactFailed, message, cancellationToken);
        }

        var revision = lease.Revision;
        using var revisionScope = logger.BeginScope(new Dictionary<string, object?> { ["revision"] = revision });
        Activity.Current?.SetTag("revision", revision);

        var dependencies = gate.Check(run.Object, spec, revision);
        if (dependencies.State == DependencyState.Cycle)
        {
            // Stalled, but retried too: an edit to another member of the cycle can break it without touching this one.
            await StallAsync(run, KustomizationReasons.DependencyCycle, dependencies.Message, cancellationToken);
            return ReconcileResult.Retry(spec.RetryInterval);
        }

        if (dependencies.State == DependencyState.NotReady)
        {
            return await FailAsync(run, ConditionReasons.DependencyNotReady, dependencies.Message, cancellationToken);
        }

        var desired = await BuildAsync(run, lease.RootPath, cancellationToken);
        if (desired.Failure is { } buildFailure)
        {
            return await FailAsync(run, buildFailure.Reason, buildFailure.Message, cancellationToken, revision);
        }

        return await ApplyAsync(run, spec, revision, desired.Objects, cancellationToken);
    }

    private async Task<SourceArtifactLease?> FetchAsync(SourceReference source, CancellationToken cancellationToken)
    {
        using var span = InfrastructureTelemetry.Source.StartActivity("fetch");
        return await artifacts.AcquireAsync(source, cancellationToken);
    }

    private async Task<BuildOutcome> BuildAsync(Run run, string root, CancellationToken cancellationToken)
    {
        using var span = InfrastructureTelemetry.Source.StartActivity("render");
        try
        {
            var objects = await builder.BuildAsync(root, run.Read.Spec, run.Namespace, cancellationToken);
            span?.SetTag("objects", objects.Count);
            return new BuildOutcome(objects, null);
        }
        catch (ManifestException e) when (e.Reason == "path not found")
        {
            return new BuildOutcome([], (ConditionReasons.ArtifactFailed, $"kustomization path not found: {run.Read.Spec.Path}"));
        }
        catch (ManifestException e)
        {
            return new BuildOutcome([], (ConditionReasons.BuildFailed, e.Message));
        }
        catch (KubernetesApiException e)
        {
            return new BuildOutcome([], (ConditionReasons.BuildFailed, $"postBuild.substituteFrom: {e.Message}"));
        }
    }

    private async Task<ReconcileResult> ApplyAsync(Run run, KustomizationSpec spec, string revision, IReadOnlyList<KubeObject> desired, CancellationToken cancellationToken)
    {
        var previous = run.Status.Inventory ?? FluxInventory.Empty;
        var versions = Versions(desired, previous);

        // Before the first write the inventory grows to everything this run may apply, so a run cut short
        // (crash, restart) still leaves every object it created in status for the next prune.
        if (NeedsProgressReport(run, revision, desired, previous))
        {
            var superset = Inventory(previous.Ids.Union(desired.Select(o => o.Id)), versions);
            var (progressing, _) = await reporter.WriteAsync(run.Object, run.Transitions.Progressing(run.Status, revision, superset), cancellationToken);
            run = run with { Object = progressing };
        }

        var request = new SyncRequest(desired, KustomizationKind.FieldManager, new FluxOwnerMark(run.Name, run.Namespace))
        {
            PreviousInventory = [.. previous.Ids],
            Mode = PlanningMode.Staged,
            Prune = spec.Prune,
            Wait = spec.Wait,
            Timeout = spec.Timeout,
            RecreateOnImmutable = spec.Force,
            DestinationNamespace = spec.TargetNamespace,
        };

        SyncReport report;
        using (var span = InfrastructureTelemetry.Source.StartActivity("apply"))
        {
            report = await executor.SyncAsync(request, cancellationToken);
            span?.SetTag("outcome", report.Result.Outcome.ToString());
            foreach (var (action, count) in report.Result.Counts)
            {
                span?.SetTag($"objects.{action.ToString().ToLowerInvariant()}", count);
            }
        }

        if (report.Result.Outcome == SyncOutcome.Canceled)
        {
            // Shutting down: the inventory superset is already in status; the next run resumes.
            return ReconcileResult.Retry(spec.RetryInterval);
        }

        var inventory = Inventory(report.Inventory, versions);
        if (!report.Result.Succeeded)
        {
            var (reason, message) = Describe(report.Result);
            return await FailAsync(run, reason, message, cancellationToken, revision, inventory, report.Result);
        }

        var healthChecked = spec.Wait || spec.HealthChecks.Count > 0;
        if (!spec.Wait && spec.HealthChecks.Count > 0)
        {
            using var span = InfrastructureTelemetry.Source.StartActivity("wait");
            var unhealthy = await healthChecks.WaitAsync(spec.HealthChecks, run.Namespace, time.GetUtcNow() + spec.Timeout, cancellationToken);
            if (unhealthy.Count > 0)
            {
                var message = $"health check failed: {string.Join("; ", unhealthy.OrderBy(u => u.Key.ToString(), StringComparer.Ordinal).Select(u => $"{u.Key}: {u.Value}"))}";
                return await FailAsync(run, ConditionReasons.HealthCheckFailed, message, cancellationToken, revision, inventory, report.Result);
            }
        }

        var lastApplied = run.Status.LastAppliedRevision;
        var succeeded = run.Transitions.Succeeded(run.Status, revision, inventory, healthChecked);
        var (obj, written) = await reporter.WriteAsync(run.Object, succeeded, cancellationToken);
        var changes = report.Result.Changed.Select(o => o.ToChangeSetLine()).ToList();
        if (changes.Count > 0 || (written && lastApplied != revision))
        {
            var message = changes.Count > 0 ? string.Join("\n", changes) : $"Applied revision: {revision}";
            await reporter.EventAsync(obj, EventSeverity.Normal, ConditionReasons.ReconciliationSucceeded, message, cancellationToken);
        }

        logger.LogInformation("Applied revision {Revision}: {Summary}", revision, Summary(report.Result));
        return ReconcileResult.RequeueAfter(jitter.Apply(spec.Interval));
    }

    /// <summary>
    /// A run at a new revision or generation, after a failure, or about to apply an object the inventory does
    /// not list yet says so in status first. A run at the applied revision over the same objects does not —
    /// periodic or asked for with requestedAt — so reconciling an idle cluster writes at most the final status.
    /// </summary>
    private static bool NeedsProgressReport(Run run, string revision, IReadOnlyList<KubeObject> desired, FluxInventory previous) =>
        run.Status.LastAppliedRevision != revision
        || run.Status.ObservedGeneration != run.Object.Generation()
        || !run.Status.IsReady
        || !desired.All(o => previous.Contains(o.Id));

    private async Task<ReconcileResult> FailAsync(Run run, string reason, string message, CancellationToken cancellationToken,
        string? revision = null, FluxInventory? inventory = null, SyncResult? result = null)
    {
        var failed = run.Transitions.Failed(run.Status, reason, message, revision, inventory);
        var (obj, written) = await reporter.WriteAsync(run.Object, failed, cancellationToken);
        if (written || result?.Changed.Any() == true)
        {
            await reporter.EventAsync(obj, EventSeverity.Warning, reason, message, cancellationToken);
        }

        // Waiting for a dependency is the normal order of things at start-up, not a warning (as in Flux).
        var level = reason == ConditionReasons.DependencyNotReady ? LogLevel.Information : LogLevel.Warning;
        logger.Log(level, "Reconciliation failed ({Reason}): {Message}", reason, message);
        return ReconcileResult.Retry(run.Read.Spec.RetryInterval);
    }

    private async Task<ReconcileResult> StallAsync(Run run, string reason, string message, CancellationToken cancellationToken)
    {
        var (obj, written) = await reporter.WriteAsync(run.Object, run.Transitions.Stalled(run.Status, reason, message), cancellationToken);
        if (written)
        {
            await reporter.EventAsync(obj, EventSeverity.Warning, reason, message, cancellationToken);
        }

        logger.LogWarning("Stalled ({Reason}): {Message}", reason, message);
        return ReconcileResult.Done;
    }

    /// <summary>Flux's failure reasons from what the engine reported: health, then prune, then anything else.</summary>
    private static (string Reason, string Message) Describe(SyncResult result)
    {
        var failures = result.Failures.ToList();
        var health = failures.Where(f => f.Message?.StartsWith("health check failed", StringComparison.Ordinal) == true).ToList();
        if (health.Count > 0)
        {
            return (ConditionReasons.HealthCheckFailed, $"health check failed: {string.Join("; ", health.Select(f => $"{f.Id}: {f.Message!["health check failed: ".Length..]}"))}");
        }

        var prune = failures.Where(f => f.Message?.StartsWith("prune failed", StringComparison.Ordinal) == true).ToList();
        if (prune.Count > 0 || result.Message?.StartsWith("prune refused", StringComparison.Ordinal) == true)
        {
            return (ConditionReasons.PruneFailed, prune.Count > 0 ? string.Join("; ", prune.Select(f => $"{f.Id}: {f.Message}")) : result.Message!);
        }

        var details = failures.Select(f => $"{f.Id}: {f.Message}").ToList();
        var message = result.Message ?? "apply failed";
        return (ConditionReasons.ReconciliationFailed, details.Count > 0 && !message.Contains(details[0], StringComparison.Ordinal)
            ? $"{message}: {string.Join("; ", details)}"
            : message);
    }

    private static string Summary(SyncResult result) =>
        string.Join(", ", result.Counts.OrderBy(c => c.Key).Select(c => $"{c.Key.ToString().ToLowerInvariant()} {c.Value}"));

    private static Dictionary<ObjectId, string> Versions(IReadOnlyList<KubeObject> desired, FluxInventory previous)
    {
        var versions = previous.Entries.ToDictionary(e => e.ObjectId, e => e.Version);
        foreach (var obj in desired)
        {
            versions[obj.Id] = obj.Version;
        }

        return versions;
    }

    private static FluxInventory Inventory(IEnumerable<ObjectId> ids, Dictionary<ObjectId, string> versions) =>
        new(ids.Distinct().Select(id => new FluxInventoryEntry(id.ToFluxInventoryId(), versions.GetValueOrDefault(id, ""))));

    private static string? RequestedAt(KubeObject obj) => obj.GetAnnotation(KustomizationKind.RequestedAtAnnotation);

    /// <summary>One reconcile's inputs: the object as read from the cache, its spec and the status it started from.</summary>
    private sealed record Run(KubeObject Object, SpecResult<KustomizationSpec> Read, StatusTransitions Transitions)
    {
        public KustomizationStatus Status => KustomizationStatus.Read(Object);

        public string Namespace => Object.Namespace ?? "default";

        public string Name => Object.Name;
    }

    private sealed record BuildOutcome(IReadOnlyList<KubeObject> Objects, (string Reason, string Message)? Failure);
}
