using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Homelab.Engine.Diff;
using Homelab.Engine.Plan;
using Homelab.Engine.Results;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests;
using Homelab.Manifests.Health;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Sync;

/// <summary>
/// Runs one sync against a cluster: resolve kinds, warm the watch cache, diff, validate every change with
/// a server-side dry run, apply step by step (phases and waves, or Flux stages) waiting for health and
/// running hooks, then prune — only when everything before succeeded. Once the cache is synced, a sync
/// with nothing to change makes no API request at all.
/// <para>
/// The cache must keep <see cref="SyncRequest.FieldManager"/>'s managedFields
/// (<see cref="CacheOptions.OwnManagers"/>), or fields removed from Git cannot be detected.
/// </para>
/// </summary>
public sealed class SyncExecutor
{
    private const int MaxParallelWrites = 16;

    private static readonly ObjectId NamespaceKind = new("", "Namespace", null, "");

    private readonly IClusterClient _client;
    private readonly ClusterCache _cache;
    private readonly TimeProvider _time;
    private readonly CacheWaiter _waiter;
    private readonly HealthWaiter _health;
    private readonly ApplyRunner _apply;
    private readonly HookRunner _hooks;
    private readonly PruneRunner _prune;
    private readonly TransientRetry _retry;

    public SyncExecutor(IClusterClient client, ClusterCache cache, TimeProvider? timeProvider = null, TransientRetry? retry = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(cache);
        _client = client;
        _cache = cache;
        _time = timeProvider ?? TimeProvider.System;
        retry ??= new TransientRetry(_time);
        _retry = retry;
        _waiter = new CacheWaiter(cache, _time);
        _health = new HealthWaiter(cache, new HealthAssessor(), _waiter);
        _apply = new ApplyRunner(client, cache, _waiter, retry);
        _hooks = new HookRunner(client, cache, _waiter, _health, retry);
        _prune = new PruneRunner(client, cache, retry);
    }

    public async Task<SyncReport> SyncAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var results = new SyncResultBuilder();
        try
        {
            return await RunAsync(request, results, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            results.Cancel();
            return new SyncReport(results.Build(), InventoryAfterFailure(request));
        }
    }

    /// <summary>
    /// After anything but full success, the next prune must still consider everything this sync may have
    /// applied: the previous inventory plus the whole desired set. A superset is safe, since prune only
    /// deletes objects that exist and carry our mark.
    /// </summary>
    private static List<ObjectId> InventoryAfterFailure(SyncRequest request) =>
        request.RenderFailure is not null
            ? [.. request.PreviousInventory]
            : [.. request.PreviousInventory.Union(request.Desired.Where(o => !HookParser.Parse(o).IsHook && o.Name.Length > 0).Select(o => o.Id))];

    private async Task<SyncReport> RunAsync(SyncRequest request, SyncResultBuilder results, CancellationToken cancellationToken)
    {
        if (request.RenderFailure is { } renderFailure)
        {
            results.Fail($"render failed, nothing applied or pruned: {renderFailure}");
            return Failed();
        }

        var deadline = _time.GetUtcNow() + request.Timeout;
        var desired = await PrepareAsync(request, results, cancellationToken);
        if (desired is null || !await WarmCacheAsync(request, desired, results, deadline, cancellationToken))
        {
            return Failed();
        }

        SyncPlan plan;
        Dictionary<ObjectId, PlannedChange> changes;
        var differ = new ResourceDiffer(new DiffOptions { FieldManager = request.FieldManager, IgnoreRules = request.IgnoreDifferences });
        try
        {
            // A bad annotation (wave, hook, sync option, ssa policy) fails the whole set before any write.
            plan = Plan(request, desired);
            changes = Diff(plan, desired, differ, results);
        }
        catch (ManifestException e)
        {
            results.Fail(e.Message);
            return Failed();
        }

        if (!await ValidateAsync(request, changes, differ, results, cancellationToken))
        {
            return Failed();
        }

        if (request.DryRun)
        {
            foreach (var change in changes.Values)
            {
                results.Record(change.Task, change.Live is null ? SyncAction.Created : SyncAction.Configured, "dry run");
            }

            return new SyncReport(results.Build(), request.PreviousInventory);
        }

        if (!await CreateDestinationNamespaceAsync(request, results, cancellationToken)
            || !await ApplyStepsAsync(request, plan, changes, results, deadline, cancellationToken))
        {
            await RunSyncFailHooksAsync(request, plan, results, deadline, cancellationToken);
            return Failed();
        }

        if (request.Prune)
        {
            await _prune.RunAsync(request, [.. plan.Tasks.Where(t => !t.IsHook).Select(t => t.Object)], results, cancellationToken);
        }

        var inventory = plan.Tasks.Where(t => !t.IsHook).Select(t => t.Id).Distinct().ToList();
        return results.HasFailed ? Failed() : new SyncReport(results.Build(), inventory);

        SyncReport Failed() => new(results.Build(), InventoryAfterFailure(request));
    }

    /// <summary>
    /// Copies the desired objects, resolves their kinds (a kind the server does not serve, and no CRD in
    /// the set defines, fails that object before anything is written), gives namespaced objects the
    /// destination namespace and stamps the owner mark.
    /// </summary>
    private async Task<List<KubeObject>?> PrepareAsync(SyncRequest request, SyncResultBuilder results, CancellationToken cancellationToken)
    {
        var crds = CrdIndex.Build(request.Desired);
        var prepared = new List<KubeObject>();
        var ok = true;
        foreach (var original in request.Desired)
        {
            var obj = original.DeepClone();
            try
            {
                var type = await _retry.RunAsync(ct => _client.Discovery.ResolveAsync(obj, ct), cancellationToken);
                if (type.Namespaced && obj.Namespace is null && request.DestinationNamespace is { } destination)
                {
                    obj.Metadata!["namespace"] = destination;
                }
            }
            catch (UnknownKindException e) when (crds.DefinitionOf(obj) is null)
            {
                results.RecordFailure(obj.Id, obj.Version, SyncPhase.Sync, 0, e.Message);
                ok = false;
                continue;
            }
            catch (UnknownKindException)
            {
                // Defined by a CRD in this sync: resolved once that CRD is established.
            }

            request.Owner.Stamp(obj);
            prepared.Add(obj);
        }

        if (!ok)
        {
            results.Fail("unknown kinds in the desired set: nothing applied or pruned");
        }

        return ok ? prepared : null;
    }

    /// <summary>Watches every kind in the desired set and the inventory, plus Namespaces; waits until the desired kinds are synced.</summary>
    private async Task<bool> WarmCacheAsync(SyncRequest request, List<KubeObject> desired, SyncResultBuilder results, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var desiredKinds = desired.Where(o => IsServed(o.Id)).Select(o => (o.Group, o.Kind)).Append((NamespaceKind.Group, NamespaceKind.Kind)).Distinct().ToList();
        var informers = new List<ResourceInformer>();
        foreach (var (group, kind) in desiredKinds)
        {
            informers.Add(await _cache.WatchAsync(group, kind, cancellationToken));
        }

        foreach (var (group, kind) in request.PreviousInventory.Select(i => (i.Group, i.Kind)).Distinct().Where(k => IsServed(new ObjectId(k.Group, k.Kind, null, ""))))
        {
            // Only prune reads these; prune checks they synced, so the apply does not wait for them.
            await _cache.WatchAsync(group, kind, cancellationToken);
        }

        if (await _waiter.WaitUntilAsync(() => informers.TrueForAll(i => i.IsSynced), deadline, cancellationToken))
        {
            return true;
        }

        foreach (var informer in informers.Where(i => !i.IsSynced))
        {
            results.Fail($"the cache for {informer.Type} did not sync before the timeout ({informer.LastError?.Message ?? "no error seen"}): nothing applied or pruned");
        }

        return false;
    }

    private bool IsServed(ObjectId id) => _client.Discovery.TryResolve(id.Group, id.Kind, null, out _);

    private static SyncPlan Plan(SyncRequest request, List<KubeObject> desired)
    {
        if (request.Mode == PlanningMode.Phased)
        {
            return new SyncPlanner().Plan(desired, request.AppOptions);
        }

        var crds = CrdIndex.Build(desired);
        var stages = new StagedApplyPlanner().Plan(desired);
        var steps = stages.Select((stage, index) => new SyncStep(
            SyncPhase.Sync,
            index,
            [.. stage.Objects.Select(o => new SyncTask(o, SyncPhase.Sync, index, false, HookDeletePolicy.None, request.AppOptions, crds.DefinitionOf(o)))])
        {
            WaitUntilReady = stage.WaitUntilReady,
        });
        return new SyncPlan([.. steps], [], []);
    }

    /// <summary>
    /// Compares every resource with its cached live copy. Equal ones are recorded Unchanged and never
    /// written; Flux's <c>ssa: Ignore</c> ones Skipped, <c>IfNotPresent</c> ones that exist Unchanged.
    /// </summary>
    private Dictionary<ObjectId, PlannedChange> Diff(SyncPlan plan, List<KubeObject> desired, ResourceDiffer differ, SyncResultBuilder results)
    {
        foreach (var skipped in plan.Skipped)
        {
            var obj = desired.First(o => o.Id == skipped.Id);
            results.Record(new SyncTask(obj, SyncPhase.Sync, SyncWave.Of(obj), true, HookDeletePolicy.None, SyncOptions.Default, null), SyncAction.Skipped, skipped.Reason);
        }

        var changes = new Dictionary<ObjectId, PlannedChange>();
        foreach (var task in plan.Tasks.Where(t => !t.IsHook))
        {
            var served = IsServed(task.Id);
            var live = served ? _cache.Get(task.Id) : null;
            var ssa = FluxObjectOptions.Parse(task.Object).Ssa;
            if (ssa == SsaPolicy.Ignore)
            {
                results.Record(task, SyncAction.Skipped, "kustomize.toolkit.fluxcd.io/ssa: Ignore");
                continue;
            }

            if (ssa == SsaPolicy.IfNotPresent && live is not null)
            {
                results.Record(task, SyncAction.Unchanged, "kustomize.toolkit.fluxcd.io/ssa: IfNotPresent");
                continue;
            }

            var diff = differ.Diff(task.Object, live);
            if (diff.State == DiffState.Equal)
            {
                results.Record(task, SyncAction.Unchanged);
                continue;
            }

            var inNewNamespace = task.Object.Namespace is { } ns && _cache.Get(NamespaceKind with { Name = ns }) is null;
            changes[task.Id] = new PlannedChange(task, live, diff) { DryRunnable = served && !inNewNamespace };
        }

        return changes;
    }

    /// <summary>
    /// Server-side dry run of every change before the first write: one refusal fails the whole sync with
    /// per-object messages, and nothing is written. A dry-run result equal to live was a false drift
    /// (a default the local diff did not know): recorded Unchanged and not written.
    /// </summary>
    private async Task<bool> ValidateAsync(SyncRequest request, Dictionary<ObjectId, PlannedChange> changes, ResourceDiffer differ, SyncResultBuilder results, CancellationToken cancellationToken)
    {
        var toCheck = changes.Values.Where(c => c.DryRunnable).ToList();
        if (toCheck.Count == 0)
        {
            return true;
        }

        var failures = new ConcurrentDictionary<ObjectId, string>();
        var falseDrift = new ConcurrentBag<ObjectId>();
        await Parallel.ForEachAsync(toCheck, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelWrites, CancellationToken = cancellationToken }, async (change, ct) =>
        {
            try
            {
                var result = await _apply.DryRunAsync(change.Task.Object, request, change.Task.Options, ct);
                if (change.Live is not null && differ.Diff(result, change.Live).State == DiffState.Equal)
                {
                    falseDrift.Add(change.Task.Id);
                }
            }
            catch (InvalidException e) when (ApplyRunner.MayRecreate(request, change.Task.Options) && ApplyRunner.IsImmutableFieldError(e))
            {
                // Expected with force: the apply will delete and recreate the object.
            }
            catch (KubernetesApiException e)
            {
                failures[change.Task.Id] = $"dry run failed: {e.Message}";
            }
        });

        if (!failures.IsEmpty)
        {
            foreach (var (id, message) in failures.OrderBy(f => f.Key.ToString(), StringComparer.Ordinal))
            {
                var task = changes[id].Task;
                results.Record(task, SyncAction.Failed, message);
            }

            results.Fail($"dry run refused {failures.Count} object(s): nothing applied or pruned");
            return false;
        }

        foreach (var id in falseDrift)
        {
            results.Record(changes[id].Task, SyncAction.Unchanged);
            changes.Remove(id);
        }

        return true;
    }

    /// <summary>Argo's <c>CreateNamespace=true</c>: the destination namespace is created (unmarked, never pruned) when missing.</summary>
    private async Task<bool> CreateDestinationNamespaceAsync(SyncRequest request, SyncResultBuilder results, CancellationToken cancellationToken)
    {
        if (!request.AppOptions.CreateNamespace || request.DestinationNamespace is not { } name || _cache.Get(NamespaceKind with { Name = name }) is not null)
        {
            return true;
        }

        var ns = new KubeObject(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name },
        });
        try
        {
            await _apply.ApplyAsync(ns, request, SyncOptions.Default, _time.GetUtcNow() + request.Timeout, cancellationToken);
            return true;
        }
        catch (KubernetesApiException e)
        {
            results.Fail($"CreateNamespace: namespace {name} could not be created: {e.Message}");
            return false;
        }
    }

    private async Task<bool> ApplyStepsAsync(SyncRequest request, SyncPlan plan, Dictionary<ObjectId, PlannedChange> changes,
        SyncResultBuilder results, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        for (var index = 0; index < plan.Steps.Count; index++)
        {
            // Whatever the wait option says, Flux waits for its cluster-definitions stage (CRDs, Namespaces,
            // ClusterRoles) — only that one, even when it is absent — and Argo CD for each wave's health before
            // the next wave starts.
            var isLast = index == plan.Steps.Count - 1;
            var waitForHealth = request.Wait || (request.Mode == PlanningMode.Staged ? plan.Steps[index].WaitUntilReady : !isLast);
            if (!await ApplyStepAsync(request, plan.Steps[index], changes, results, waitForHealth, deadline, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One (phase, wave): Namespaces and CRDs first (CRDs then waited for until Established, so their
    /// custom resources resolve), then the other resources in parallel, then the hooks; then health.
    /// </summary>
    private async Task<bool> ApplyStepAsync(SyncRequest request, SyncStep step, Dictionary<ObjectId, PlannedChange> changes, SyncResultBuilder results,
        bool waitForHealth, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var stepChanges = step.Tasks.Where(t => !t.IsHook && changes.ContainsKey(t.Id)).Select(t => changes[t.Id]).ToList();
        var first = stepChanges.Where(c => IsDefinition(c.Task.Object)).ToList();
        var rest = stepChanges.Except(first).ToList();
        var written = new ConcurrentDictionary<ObjectId, (PlannedChange Change, KubeObject Stored)>();
        var failures = new ConcurrentDictionary<ObjectId, string>();

        await WriteAllAsync(first, request, written, failures, deadline, cancellationToken);
        if (failures.IsEmpty && rest.Any(c => c.Task.RequiresCrd is not null))
        {
            await AwaitDefinitionsAsync(rest, failures, deadline, cancellationToken);
        }

        if (failures.IsEmpty)
        {
            await WriteAllAsync(rest, request, written, failures, deadline, cancellationToken);
        }

        if (failures.IsEmpty && waitForHealth)
        {
            // What we wrote, and what was already there; an object deliberately not applied (ssa: Ignore) is not waited for.
            var targets = step.Tasks.Where(t => !t.IsHook && IsServed(t.Id) && (written.ContainsKey(t.Id) || _cache.Get(t.Id) is not null))
                .Select(t => new HealthTarget(t.Id, written.TryGetValue(t.Id, out var w) ? w.Stored.GetString("metadata", "resourceVersion") : null))
                .ToList();
            foreach (var (id, why) in await _health.WaitAsync(targets, deadline, cancellationToken))
            {
                failures[id] = $"health check failed: {why}";
            }
        }

        foreach (var change in stepChanges)
        {
            if (failures.TryGetValue(change.Task.Id, out var message))
            {
                results.Record(change.Task, SyncAction.Failed, message);
            }
            else if (written.ContainsKey(change.Task.Id))
            {
                results.Record(change.Task, change.Live is null ? SyncAction.Created : SyncAction.Configured, change.Live is null ? null : change.Summary);
            }
        }

        foreach (var (id, message) in failures.Where(f => !changes.ContainsKey(f.Key)))
        {
            var task = step.Tasks.First(t => t.Id == id);
            results.Record(task, SyncAction.Failed, message);
        }

        if (!failures.IsEmpty)
        {
            return false;
        }

        var hooks = step.Tasks.Where(t => t.IsHook).ToList();
        return hooks.Count == 0 || await _hooks.RunAsync(hooks, request, results, deadline, cancellationToken);
    }

    private async Task WriteAllAsync(List<PlannedChange> batch, SyncRequest request, ConcurrentDictionary<ObjectId, (PlannedChange, KubeObject)> written,
        ConcurrentDictionary<ObjectId, string> failures, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelWrites, CancellationToken = cancellationToken }, async (change, ct) =>
        {
            try
            {
                written[change.Task.Id] = (change, await _apply.ApplyAsync(change.Task.Object, request, change.Task.Options, deadline, ct));
            }
            catch (Exception e) when (e is KubernetesApiException or TimeoutException or InvalidOperationException)
            {
                failures[change.Task.Id] = e.Message;
            }
        });
    }

    /// <summary>Waits for the CRDs these custom resources need to be Established, then resolves and watches their kinds.</summary>
    private async Task AwaitDefinitionsAsync(List<PlannedChange> changes, ConcurrentDictionary<ObjectId, string> failures, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var crds = changes.Select(c => c.Task.RequiresCrd).OfType<ObjectId>().Distinct().Select(id => new HealthTarget(id, null)).ToList();
        foreach (var (id, why) in await _health.WaitAsync(crds, deadline, cancellationToken))
        {
            failures[id] = $"CRD not established: {why}";
        }

        if (!failures.IsEmpty)
        {
            return;
        }

        _client.Discovery.Invalidate();
        var informers = new List<ResourceInformer>();
        foreach (var (group, kind) in changes.Where(c => c.Task.RequiresCrd is not null).Select(c => (c.Task.Id.Group, c.Task.Id.Kind)).Distinct())
        {
            try
            {
                informers.Add(await _cache.WatchAsync(group, kind, cancellationToken));
            }
            catch (UnknownKindException e)
            {
                foreach (var change in changes.Where(c => c.Task.Id.Group == group && c.Task.Id.Kind == kind))
                {
                    failures[change.Task.Id] = e.Message;
                }
            }
        }

        await _waiter.WaitUntilAsync(() => informers.TrueForAll(i => i.IsSynced), deadline, cancellationToken);
    }

    private async Task RunSyncFailHooksAsync(SyncRequest request, SyncPlan plan, SyncResultBuilder results, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (plan.SyncFailHooks.Count > 0)
        {
            // The failed phase may have used up the deadline; SyncFail hooks still get a fair chance to run.
            var hookDeadline = Max(deadline, _time.GetUtcNow() + TimeSpan.FromMinutes(1));
            await _hooks.RunAsync(plan.SyncFailHooks, request, results, hookDeadline, cancellationToken);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static bool IsDefinition(KubeObject obj) =>
        (obj.Kind == "Namespace" && obj.Group.Length == 0) || (obj.Kind == "CustomResourceDefinition" && obj.Group == "apiextensions.k8s.io");
}
