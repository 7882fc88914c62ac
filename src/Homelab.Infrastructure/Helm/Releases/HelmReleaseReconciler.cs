using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Homelab.Api.Flux;
using Homelab.Api.Specs;
using Homelab.Api.Status;
using Homelab.Controllers;
using Homelab.Controllers.Status;
using Homelab.Engine.Sync;
using Homelab.Infrastructure.Finalizers;
using Homelab.Infrastructure.Helm.Charts;
using Homelab.Infrastructure.Telemetry;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Rendering;

namespace Homelab.Infrastructure.Helm.Releases;

/// <summary>
/// helm-controller's job: resolve the chart, merge the values, render with <c>helm template</c>, apply through the
/// sync engine (wait for health, prune what left the chart), record the release version, and remediate a failed
/// upgrade by rolling back to the last deployed version.
/// </summary>
public sealed class HelmReleaseReconciler(
    IClusterClient client,
    ManifestRenderer renderer,
    ChartResolver charts,
    ValuesComposer values,
    ReleaseApplier applier,
    ReleaseStore store,
    ReleaseUninstaller uninstaller,
    FluxFinalizer finalizer,
    ReleaseDependencies dependencies,
    ReleaseWakeups wakeups,
    StatusWriter statusWriter,
    EventRecorder events,
    InfrastructureTelemetry telemetry,
    TimeProvider time,
    ILogger<HelmReleaseReconciler> logger) : IReconciler
{
    private const string RequestedAtAnnotation = "reconcile.fluxcd.io/requestedAt";

    /// <summary>Flux's <c>--requeue-dependency</c>: a fallback only, since a dependency turning Ready wakes us at once.</summary>
    private static readonly TimeSpan DependencyRequeue = TimeSpan.FromSeconds(30);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var obj = await client.TryGetAsync(new ObjectReference(HelmControllerNames.ReleaseApiVersion, "HelmRelease", key.Namespace, key.Name), cancellationToken);
        if (obj is null)
        {
            // Gone: whatever had to be uninstalled was uninstalled while the finalizer held it.
            return ReconcileResult.Done;
        }

        try
        {
            if (FluxFinalizer.IsDeleting(obj))
            {
                return await DeleteAsync(obj, cancellationToken);
            }

            if (!FluxFinalizer.Holds(obj))
            {
                // First, as Flux does, so nothing this release applies can outlive the HelmRelease unnoticed.
                obj = await finalizer.AddAsync(obj, cancellationToken);
            }
        }
        catch (NotFoundException)
        {
            return ReconcileResult.Done;
        }

        using var measure = telemetry.MeasureReconcile("HelmRelease", key.Namespace ?? "", key.Name);
        using var activity = InfrastructureTelemetry.Source.StartActivity($"reconcile HelmRelease {key}");
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["kind"] = "HelmRelease", ["name"] = key.Name, ["namespace"] = key.Namespace });
        var context = new Attempt(obj, HelmReleaseReader.Read(obj), HelmReleaseStatus.Read(obj), Generation(obj));
        return await ReconcileAsync(context, cancellationToken);
    }

    private async Task<ReconcileResult> ReconcileAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        var (obj, specResult, _, generation) = attempt;
        var spec = specResult.Spec;
        attempt.Status = attempt.Status with { LastHandledReconcileAt = obj.GetAnnotation(RequestedAtAnnotation) ?? attempt.Status.LastHandledReconcileAt };
        attempt.Status = specResult.Unsupported.Count > 0
            ? attempt.Status.WithCondition(Condition(ConditionTypes.UnsupportedFields, ConditionStatus.True, ConditionReasons.UnsupportedFields, specResult.Describe(SpecProblemKind.Unsupported), generation))
            : attempt.Status.Without(ConditionTypes.UnsupportedFields);
        if (!specResult.IsValid)
        {
            var message = specResult.Describe(SpecProblemKind.Invalid);
            attempt.Status = attempt.Status
                .WithCondition(Condition(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.InvalidSpec, message, generation))
                .WithCondition(Condition(ConditionTypes.Stalled, ConditionStatus.True, ConditionReasons.InvalidSpec, message, generation)) with { ObservedGeneration = generation };
            await WriteAsync(attempt, cancellationToken);
            await events.RecordAsync(obj, HelmControllerNames.HelmController, EventSeverity.Warning, ConditionReasons.InvalidSpec, message, cancellationToken);
            return ReconcileResult.Done;
        }

        if (spec.Suspend)
        {
            return ReconcileResult.Done;
        }

        attempt.Status = attempt.Status.Without(ConditionTypes.Stalled);
        if (await dependencies.FindNotReadyAsync(spec.DependsOn, cancellationToken) is { } notReady)
        {
            await FailAsync(attempt, ConditionReasons.DependencyNotReady, notReady, cancellationToken);
            return ReconcileResult.RequeueAfter(DependencyRequeue);
        }

        if (spec.Chart is null)
        {
            await FailAsync(attempt, ConditionReasons.ArtifactFailed, "chartRef is not supported yet; use chart.spec", cancellationToken);
            return ReconcileResult.Done;
        }

        ResolvedChart chart;
        using (InfrastructureTelemetry.Source.StartActivity("fetch"))
        {
            try
            {
                chart = await charts.ResolveAsync(spec.Chart, spec.Timeout, cancellationToken);
            }
            catch (Exception e) when (e is ChartSourceException or ManifestException)
            {
                await FailAsync(attempt, ConditionReasons.ArtifactFailed, e.Message, cancellationToken);
                return ReconcileResult.Retry(spec.Interval);
            }
        }

        using (chart)
        {
            JsonObject merged;
            try
            {
                merged = await values.ComposeAsync(spec, obj.Namespace ?? "default", cancellationToken);
            }
            catch (ValuesReferenceException e)
            {
                await FailAsync(attempt, ReleaseMessages.InitFailed, e.Message, cancellationToken);
                return ReconcileResult.Retry(spec.Interval);
            }

            return await ReleaseAsync(attempt, chart, merged, cancellationToken);
        }
    }

    private async Task<ReconcileResult> ReleaseAsync(Attempt attempt, ResolvedChart chart, JsonObject merged, CancellationToken cancellationToken)
    {
        var (obj, specResult, _, generation) = attempt;
        var spec = specResult.Spec;
        var configDigest = Digest(merged.ToJsonString());
        var target = Target(obj, spec);
        var status = attempt.Status;
        var deployed = status.LastDeployed;
        var desiredChart = $"{chart.Metadata.Name}@{chart.Metadata.Version}";
        Activity.Current?.SetTag("revision", chart.SourceRevision);

        // In sync: the newest version is deployed with this chart and these values. (Drift is not corrected, as in Flux without driftDetection.)
        if (status.Latest is { } latest && latest == deployed && latest.ChartName == chart.Metadata.Name
            && latest.ChartVersion == chart.Metadata.Version && latest.ConfigDigest == configDigest)
        {
            var ready = Conditions.Find(status.Conditions, ConditionTypes.Ready);
            if (ready?.IsTrue != true || status.ObservedGeneration != generation || ready.ObservedGeneration != generation)
            {
                var inSyncReason = ready?.IsTrue == true ? ready.Reason : latest.Version == 1 ? ConditionReasons.InstallSucceeded : ConditionReasons.UpgradeSucceeded;
                var inSyncMessage = ready?.IsTrue == true ? ready.Message : ReleaseMessages.Succeeded(latest.Version == 1 ? ReleaseMessages.Install : ReleaseMessages.Upgrade, latest);
                attempt.Status = status
                    .WithCondition(Condition(ConditionTypes.Ready, ConditionStatus.True, inSyncReason, inSyncMessage, generation))
                    .WithCondition(Condition(ConditionTypes.Released, ConditionStatus.True, inSyncReason, inSyncMessage, generation)) with { ObservedGeneration = generation };
                await WriteAsync(attempt, cancellationToken);
                wakeups.DependentsOf(ObjectKey.Of(obj));
            }

            return ReconcileResult.RequeueAfter(Jitter(spec.Interval));
        }

        var action = deployed is null ? ReleaseMessages.Install : ReleaseMessages.Upgrade;
        var options = action == ReleaseMessages.Install ? spec.Install : spec.Upgrade;
        var sameAttempt = status.LastAttemptedRevision == chart.Metadata.Version && status.LastAttemptedConfigDigest == configDigest
            && status.LastAttemptedGeneration == generation && status.LastAttemptedReleaseAction == action;
        var failures = sameAttempt ? (action == ReleaseMessages.Install ? status.InstallFailures : status.UpgradeFailures) : 0;
        if (sameAttempt && options.Retries >= 0 && failures > options.Retries)
        {
            // Retries are spent for this chart and values: stay failed until the spec changes, as Flux does.
            var message = ReleaseMessages.Exhausted(action, failures);
            attempt.Status = status.WithCondition(Condition(ConditionTypes.Stalled, ConditionStatus.True, ReleaseMessages.RetriesExceeded, message, generation)) with { ObservedGeneration = generation };
            await WriteAsync(attempt, cancellationToken);
            return ReconcileResult.RequeueAfter(Jitter(spec.Interval));
        }

        attempt.Status = status with
        {
            LastAttemptedRevision = chart.Metadata.Version,
            LastAttemptedConfigDigest = configDigest,
            LastAttemptedGeneration = generation,
            LastAttemptedReleaseAction = action,
            StorageNamespace = target.StorageNamespace,
            InstallFailures = action == ReleaseMessages.Install ? failures : 0,
            UpgradeFailures = action == ReleaseMessages.Upgrade ? failures : 0,
        };

        IReadOnlyList<KubeObject> rendered;
        using (InfrastructureTelemetry.Source.StartActivity("render"))
        {
            try
            {
                rendered = (await renderer.RenderAsync(RenderRequest(chart, spec, target, merged), cancellationToken)).Objects;
            }
            catch (ManifestException e)
            {
                // Nothing was applied and nothing is pruned: the release stays as it was.
                return await ActionFailedAsync(attempt, action, target, desiredChart, e.Message, cancellationToken);
            }
        }

        SyncReport report;
        using (InfrastructureTelemetry.Source.StartActivity("apply"))
        {
            report = await applier.ApplyAsync(target, rendered, [.. status.Inventory.Ids], cancellationToken);
        }

        var version = (status.History.Count == 0 ? 0 : status.History.Max(h => h.Version)) + 1;
        var now = time.GetUtcNow();
        var snapshot = new ReleaseSnapshot(target.ReleaseName, target.Namespace, version, report.Result.Succeeded ? ReleaseSnapshot.Deployed : ReleaseSnapshot.Failed,
            chart.Metadata.Name, chart.Metadata.Version, chart.Metadata.AppVersion, configDigest, ManifestDigest(rendered),
            now, now, report.Result.Succeeded ? $"{action} complete" : $"{action} failed");
        await store.SaveAsync(snapshot, rendered, target.StorageNamespace, cancellationToken);
        attempt.Status = attempt.Status with
        {
            History = Record(attempt.Status.History, snapshot, spec.MaxHistory, supersede: report.Result.Succeeded),
            Inventory = ReleaseApplier.InventoryOf(report.Inventory, rendered, status.Inventory),
        };

        if (!report.Result.Succeeded)
        {
            return await ActionFailedAsync(attempt, action, target, desiredChart, SyncFailure(report), cancellationToken, failedVersion: snapshot);
        }

        var reason = action == ReleaseMessages.Install ? ConditionReasons.InstallSucceeded : ConditionReasons.UpgradeSucceeded;
        var succeeded = ReleaseMessages.Succeeded(action, snapshot);
        attempt.Status = attempt.Status
            .WithCondition(Condition(ConditionTypes.Ready, ConditionStatus.True, reason, succeeded, generation))
            .WithCondition(Condition(ConditionTypes.Released, ConditionStatus.True, reason, succeeded, generation))
            .Without(ReleaseMessages.Remediated)
            .Without(ConditionTypes.Stalled) with { ObservedGeneration = generation, InstallFailures = 0, UpgradeFailures = 0 };
        await WriteAsync(attempt, cancellationToken);
        await store.PruneAsync(target.ReleaseName, attempt.Status.History.Select(h => h.Version).ToHashSet(), target.StorageNamespace, cancellationToken);
        await events.RecordAsync(obj, HelmControllerNames.HelmController, EventSeverity.Normal, reason, succeeded, cancellationToken);
        logger.LogInformation("{Message}", succeeded);
        wakeups.DependentsOf(ObjectKey.Of(obj));
        return ReconcileResult.RequeueAfter(Jitter(spec.Interval));
    }

    /// <summary>
    /// The HelmRelease is being deleted: uninstall the release unless it is suspended, then remove the finalizer. A failed
    /// uninstall keeps the finalizer (Ready=False <c>UninstallFailed</c>, a Warning event) and is retried with backoff.
    /// </summary>
    private async Task<ReconcileResult> DeleteAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        if (!FluxFinalizer.Holds(obj))
        {
            return ReconcileResult.Done;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["kind"] = "HelmRelease", ["name"] = obj.Name, ["namespace"] = obj.Namespace });
        if (ReleaseUninstaller.KeepsRelease(obj))
        {
            logger.LogInformation("HelmRelease {Namespace}/{Name} is suspended: deleted without uninstalling its release", obj.Namespace, obj.Name);
            await finalizer.ReleaseAsync(obj, cancellationToken);
            return ReconcileResult.Done;
        }

        var read = HelmReleaseReader.Read(obj);
        var spec = read.Spec;
        var status = HelmReleaseStatus.Read(obj);
        var release = ReleaseUninstaller.Locate(obj, spec, status);
        using (InfrastructureTelemetry.Source.StartActivity($"uninstall HelmRelease {obj.Namespace}/{obj.Name}"))
        {
            var failure = await uninstaller.UninstallAsync(obj, spec, status, cancellationToken);
            if (failure is not null)
            {
                var message = ReleaseMessages.Failed(ReleaseMessages.Uninstall, release.Namespace, release.Name, status.Latest?.Chart ?? "(none)", failure);
                var generation = Generation(obj);
                var attempt = new Attempt(obj, read, status.WithCondition(Condition(ConditionTypes.Ready, ConditionStatus.False, ReleaseMessages.UninstallFailed, message, generation)), generation);
                await WriteAsync(attempt, cancellationToken);
                await events.RecordAsync(obj, HelmControllerNames.HelmController, EventSeverity.Warning, ReleaseMessages.UninstallFailed, message, cancellationToken);
                logger.LogWarning("{Message}", message);
                return ReconcileResult.Retry();
            }
        }

        if (status.Latest is { } latest)
        {
            var succeeded = ReleaseMessages.Succeeded(ReleaseMessages.Uninstall, latest);
            await events.RecordAsync(obj, HelmControllerNames.HelmController, EventSeverity.Normal, ReleaseMessages.UninstallSucceeded, succeeded, cancellationToken);
            logger.LogInformation("{Message}", succeeded);
        }

        await finalizer.ReleaseAsync(obj, cancellationToken);
        return ReconcileResult.Done;
    }

    /// <summary>An install or upgrade failed: count it, remediate an upgrade by rollback when configured, report.</summary>
    private async Task<ReconcileResult> ActionFailedAsync(Attempt attempt, string action, ReleaseTarget target, string chart, string error, CancellationToken cancellationToken, ReleaseSnapshot? failedVersion = null)
    {
        var (obj, specResult, _, generation) = attempt;
        var spec = specResult.Spec;
        var isInstall = action == ReleaseMessages.Install;
        attempt.Status = attempt.Status with
        {
            ObservedGeneration = generation,
            Failures = attempt.Status.Failures + 1,
            InstallFailures = attempt.Status.InstallFailures + (isInstall ? 1 : 0),
            UpgradeFailures = attempt.Status.UpgradeFailures + (isInstall ? 0 : 1),
        };
        var reason = isInstall ? ConditionReasons.InstallFailed : ConditionReasons.UpgradeFailed;
        var message = ReleaseMessages.Failed(action, target.Namespace, target.ReleaseName, chart, error);
        attempt.Status = attempt.Status
            .WithCondition(Condition(ConditionTypes.Ready, ConditionStatus.False, reason, message, generation))
            .WithCondition(Condition(ConditionTypes.Released, ConditionStatus.False, reason, message, generation));
        await events.RecordAsync(obj, HelmControllerNames.HelmController, EventSeverity.Warning, reason, message, cancellationToken);
        logger.LogWarning("{Message}", message);

        var options = isInstall ? spec.Install : spec.Upgrade;
        var failures = isInstall ? attempt.Status.InstallFailures : attempt.Status.UpgradeFailures;
        var retriesLeft = options.Retries < 0 || failures <= options.Retries;
        // Flux: with no retries configured a failed release is left as it is; with retries, an upgrade is
        // remediated (rolled back) after every failure, the last one included.
        if (!isInstall && failedVersion is not null && options.Retries != 0 && options.RemediationStrategy == "rollback"
            && attempt.Status.LastDeployed is { } previous)
        {
            await RollbackAsync(attempt, target, previous, cancellationToken);
        }

        if (options.Retries >= 0 && !retriesLeft)
        {
            attempt.Status = attempt.Status.WithCondition(Condition(ConditionTypes.Stalled, ConditionStatus.True, ReleaseMessages.RetriesExceeded, ReleaseMessages.Exhausted(action, failures), generation));
        }

        await WriteAsync(attempt, cancellationToken);
        return retriesLeft && options.Retries != 0 ? ReconcileResult.Retry() : ReconcileResult.RequeueAfter(Jitter(spec.Interval));
    }

    private async Task RollbackAsync(Attempt attempt, ReleaseTarget target, ReleaseSnapshot previous, CancellationToken cancellationToken)
    {
        var generation = attempt.Generation;
        string? error = null;
        IReadOnlyList<KubeObject>? objects = null;
        try
        {
            objects = await store.LoadObjectsAsync(previous.Name, previous.Version, target.StorageNamespace, cancellationToken);
            if (objects is null)
            {
                error = $"release {previous.FullName} is no longer stored";
            }
        }
        catch (ManifestException e)
        {
            error = e.Message;
        }

        if (objects is not null)
        {
            SyncReport report;
            using (InfrastructureTelemetry.Source.StartActivity("rollback"))
            {
                report = await applier.ApplyAsync(target, objects, [.. attempt.Status.Inventory.Ids], cancellationToken);
            }

            attempt.Status = attempt.Status with { Inventory = ReleaseApplier.InventoryOf(report.Inventory, objects, attempt.Status.Inventory) };
            if (report.Result.Succeeded)
            {
                var now = time.GetUtcNow();
                var version = attempt.Status.History.Max(h => h.Version) + 1;
                var rollback = previous with { Version = version, Status = ReleaseSnapshot.Deployed, FirstDeployed = now, LastDeployed = now, Description = $"Rollback to {previous.Version}" };
                await store.SaveAsync(rollback, objects, target.StorageNamespace, cancellationToken);
                attempt.Status = attempt.Status with { History = Record(attempt.Status.History, rollback, attempt.Spec.Spec.MaxHistory, supersede: true) };
                var message = ReleaseMessages.RolledBack(previous);
                attempt.Status = attempt.Status
                    .WithCondition(Condition(ReleaseMessages.Remediated, ConditionStatus.True, ReleaseMessages.RollbackSucceeded, message, generation))
                    .WithCondition(Condition(ConditionTypes.Ready, ConditionStatus.False, ReleaseMessages.RollbackSucceeded, message, generation));
                await store.PruneAsync(target.ReleaseName, attempt.Status.History.Select(h => h.Version).ToHashSet(), target.StorageNamespace, cancellationToken);
                await events.RecordAsync(attempt.Object, HelmControllerNames.HelmController, EventSeverity.Normal, ReleaseMessages.RollbackSucceeded, message, cancellationToken);
                return;
            }

            error = SyncFailure(report);
        }

        var failed = ReleaseMessages.RollbackFailedMessage(previous, error!);
        attempt.Status = attempt.Status
            .WithCondition(Condition(ReleaseMessages.Remediated, ConditionStatus.False, ReleaseMessages.RollbackFailed, failed, generation))
            .WithCondition(Condition(ConditionTypes.Ready, ConditionStatus.False, ReleaseMessages.RollbackFailed, failed, generation));
        await events.RecordAsync(attempt.Object, HelmControllerNames.HelmController, EventSeverity.Warning, ReleaseMessages.RollbackFailed, failed, cancellationToken);
    }

    /// <summary>Ready=False for a step before any release action (dependencies, chart, values); the release is untouched.</summary>
    private async Task FailAsync(Attempt attempt, string reason, string message, CancellationToken cancellationToken)
    {
        var generation = attempt.Generation;
        var previous = Conditions.Find(attempt.Status.Conditions, ConditionTypes.Ready);
        attempt.Status = attempt.Status.WithCondition(Condition(ConditionTypes.Ready, ConditionStatus.False, reason, message, generation)) with { ObservedGeneration = generation };
        await WriteAsync(attempt, cancellationToken);
        if (previous?.Message != message)
        {
            await events.RecordAsync(attempt.Object, HelmControllerNames.HelmController, EventSeverity.Warning, reason, message, cancellationToken);
        }
    }

    private async Task WriteAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        try
        {
            await statusWriter.PatchStatusAsync(attempt.Object, attempt.Status.ToJson(), cancellationToken);
        }
        catch (NotFoundException)
        {
            // Deleted while we worked: nothing to report on.
        }
    }

    private static RenderRequest RenderRequest(ResolvedChart chart, HelmReleaseSpec spec, ReleaseTarget target, JsonObject merged) => new()
    {
        SourceRoot = chart.SourceRoot,
        Path = chart.Path,
        Type = RenderType.Helm,
        Helm = new Manifests.Rendering.HelmOptions
        {
            ReleaseName = spec.ReleaseName,
            Namespace = target.Namespace,
            ValueFiles = spec.Chart!.ValuesFiles,
            ValuesObject = merged,
            IncludeCrds = target.IncludeCrds,
        },
    };

    private static ReleaseTarget Target(KubeObject obj, HelmReleaseSpec spec)
    {
        var ownNamespace = obj.Namespace ?? "default";
        var releaseNamespace = spec.TargetNamespace ?? ownNamespace;
        return new ReleaseTarget(
            spec.ReleaseName,
            releaseNamespace,
            spec.StorageNamespace ?? releaseNamespace,
            new HelmOwnerMark(obj.Name, ownNamespace, spec.ReleaseName, releaseNamespace),
            spec.Timeout,
            spec.Install.CreateNamespace,
            // install.crds: Skip leaves the chart's crds/ folder out; Create and CreateReplace render it.
            obj.GetString("spec", "install", "crds") != "Skip");
    }

    /// <summary>History newest first: the new version on top, the previously deployed one superseded, capped at maxHistory (0: unlimited).</summary>
    private static IReadOnlyList<ReleaseSnapshot> Record(IReadOnlyList<ReleaseSnapshot> history, ReleaseSnapshot next, int maxHistory, bool supersede)
    {
        var older = history.Select(h => supersede && h.Status == ReleaseSnapshot.Deployed ? h with { Status = ReleaseSnapshot.Superseded } : h);
        var all = new[] { next }.Concat(older);
        return [.. maxHistory > 0 ? all.Take(maxHistory) : all];
    }

    private static string SyncFailure(SyncReport report)
    {
        var failures = report.Result.Failures.Take(5).Select(f => $"{f.Id}: {f.Message}").ToList();
        return failures.Count > 0
            ? string.Join("; ", failures)
            : report.Result.Message ?? report.Result.Outcome.ToString();
    }

    private static string Digest(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string ManifestDigest(IReadOnlyList<KubeObject> objects) => Digest(string.Join("\n---\n", objects.Select(o => o.ToJson())));

    private static long Generation(KubeObject obj) =>
        obj.Get("metadata", "generation") is JsonValue value && value.TryGetValue<long>(out var generation) ? generation : 0;

    private static TimeSpan Jitter(TimeSpan interval) => interval * (0.95 + (Random.Shared.NextDouble() * 0.1));

    private Condition Condition(string type, string status, string reason, string message, long generation) =>
        new(type, status, reason, message, time.GetUtcNow(), generation);

    /// <summary>One reconcile's inputs and the status it builds up before writing it once.</summary>
    private sealed class Attempt(KubeObject obj, SpecResult<HelmReleaseSpec> spec, HelmReleaseStatus status, long generation)
    {
        public KubeObject Object { get; } = obj;

        public SpecResult<HelmReleaseSpec> Spec { get; } = spec;

        public HelmReleaseStatus Status { get; set; } = status;

        public long Generation { get; } = generation;

        public void Deconstruct(out KubeObject o, out SpecResult<HelmReleaseSpec> s, out HelmReleaseStatus st, out long g)
        {
            o = Object;
            s = Spec;
            st = Status;
            g = Generation;
        }
    }
}
