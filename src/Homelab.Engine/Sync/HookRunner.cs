using Homelab.Engine.Plan;
using Homelab.Engine.Results;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Sync;

/// <summary>
/// Runs the hooks of one step: an old hook of the same name is deleted first (BeforeHookCreation), each
/// hook is created, all are waited for until complete (a Job's Complete or Failed condition, through the
/// health assessor), then deleted per HookSucceeded / HookFailed. Each hook is recorded once, when it is done.
/// </summary>
public sealed class HookRunner(IClusterClient client, ClusterCache cache, CacheWaiter waiter, HealthWaiter health, TransientRetry retry)
{
    /// <summary>True when every hook succeeded.</summary>
    public async Task<bool> RunAsync(IReadOnlyList<SyncTask> hooks, SyncRequest request, SyncResultBuilder results, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(results);
        var created = new List<(SyncTask Task, KubeObject Live)>();
        foreach (var hook in hooks)
        {
            try
            {
                created.Add((hook, await CreateAsync(hook, request, deadline, cancellationToken)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                results.Record(hook, SyncAction.Failed, $"hook could not be created: {e.Message}");
                return false;
            }
        }

        var targets = created.Select(c => new HealthTarget(c.Live.Id, c.Live.GetString("metadata", "resourceVersion"))).ToList();
        var failures = await health.WaitAsync(targets, deadline, cancellationToken);
        foreach (var (task, live) in created)
        {
            var failed = failures.TryGetValue(live.Id, out var why);
            var policy = failed ? HookDeletePolicy.HookFailed : HookDeletePolicy.HookSucceeded;
            if (task.DeletePolicy.HasFlag(policy))
            {
                await DeleteAsync(live, cancellationToken);
            }

            var recorded = task with { Object = live };
            results.Record(recorded, failed ? SyncAction.Failed : SyncAction.Created, failed ? $"hook failed: {why}" : "hook succeeded");
        }

        return failures.Count == 0;
    }

    private async Task<KubeObject> CreateAsync(SyncTask hook, SyncRequest request, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var obj = hook.Object;
        if (obj.Name.Length == 0)
        {
            // generateName: a fresh object every time, nothing to replace.
            return await retry.RunAsync(ct => client.CreateAsync(obj, new WriteOptions(request.FieldManager), ct), cancellationToken);
        }

        if (cache.Get(obj.Id) is { } previous)
        {
            // A finished hook (a completed Job) cannot be re-run in place: it is deleted first whatever the
            // policy says, as Argo CD's default BeforeHookCreation does.
            var uid = previous.GetString("metadata", "uid");
            await DeleteAsync(previous, cancellationToken);
            if (!await waiter.WaitUntilAsync(() => cache.Get(obj.Id)?.GetString("metadata", "uid") is not { } now || now != uid, deadline, cancellationToken))
            {
                throw new TimeoutException($"the previous {obj.Id} was still being deleted at the deadline");
            }
        }

        var options = new ApplyOptions(request.FieldManager, request.ForceConflicts);
        return await retry.RunAsync(ct => client.ApplyAsync(obj, options, ct), cancellationToken);
    }

    private Task<bool> DeleteAsync(KubeObject live, CancellationToken cancellationToken) =>
        retry.RunAsync(
            ct => client.DeleteAsync(ApplyRunner.Reference(live), new DeleteOptions("Background", live.GetString("metadata", "uid")), ct),
            cancellationToken);
}
