using Homelab.Engine.Plan;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Sync;

/// <summary>
/// Writes one object: server-side apply with the caller's field manager (Argo's <c>Replace=true</c>:
/// create or update instead), transient failures retried, and with Flux's <c>force</c> an apply refused
/// for an immutable field turned into delete-and-create. Dry run goes through the same path, writing nothing.
/// </summary>
public sealed class ApplyRunner(IClusterClient client, ClusterCache cache, CacheWaiter waiter, TransientRetry retry)
{
    public Task<KubeObject> DryRunAsync(KubeObject desired, SyncRequest request, SyncOptions options, CancellationToken cancellationToken) =>
        WriteAsync(desired, request, options, dryRun: true, cancellationToken);

    /// <summary>Applies <paramref name="desired"/>; returns what the server stored.</summary>
    public async Task<KubeObject> ApplyAsync(KubeObject desired, SyncRequest request, SyncOptions options, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await WriteAsync(desired, request, options, dryRun: false, cancellationToken);
        }
        catch (InvalidException e) when (MayRecreate(request, options) && IsImmutableFieldError(e))
        {
            await DeleteAndWaitAsync(desired.Id, deadline, cancellationToken);
            return await WriteAsync(desired, request, options, dryRun: false, cancellationToken);
        }
    }

    private async Task<KubeObject> WriteAsync(KubeObject desired, SyncRequest request, SyncOptions options, bool dryRun, CancellationToken cancellationToken)
    {
        if (options.Replace)
        {
            var live = cache.Get(desired.Id);
            var write = new WriteOptions(request.FieldManager, dryRun);
            if (live is null)
            {
                return await retry.RunAsync(ct => client.CreateAsync(desired, write, ct), cancellationToken);
            }

            // A PUT conditional on the version we diffed against: someone else's newer write is a conflict, not overwritten blindly.
            var body = desired.DeepClone();
            body.Metadata!["resourceVersion"] = live.GetString("metadata", "resourceVersion");
            return await retry.RunAsync(ct => client.ReplaceAsync(body, write, ct), cancellationToken);
        }

        var apply = new ApplyOptions(request.FieldManager, request.ForceConflicts, dryRun);
        return await retry.RunAsync(ct => client.ApplyAsync(desired, apply, ct), cancellationToken);
    }

    private async Task DeleteAndWaitAsync(ObjectId id, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var live = cache.Get(id);
        var uid = live?.GetString("metadata", "uid");
        var reference = Reference(live ?? throw new InvalidOperationException($"{id}: cannot recreate an object the cache does not hold"));
        await retry.RunAsync(ct => client.DeleteAsync(reference, new DeleteOptions("Background", uid), ct), cancellationToken);
        if (!await waiter.WaitUntilAsync(() => cache.Get(id)?.GetString("metadata", "uid") != uid, deadline, cancellationToken))
        {
            throw new TimeoutException($"{id}: deleted to recreate it (immutable field changed), but it was still there at the deadline");
        }
    }

    internal static ObjectReference Reference(KubeObject obj) => new(obj.ApiVersion, obj.Kind, obj.Namespace, obj.Name);

    /// <summary>Flux's <c>force</c> for the whole set, or Argo's <c>Force=true</c> sync option on the object.</summary>
    internal static bool MayRecreate(SyncRequest request, SyncOptions options) => request.RecreateOnImmutable || options.Force;

    internal static bool IsImmutableFieldError(InvalidException e) =>
        e.Message.Contains("immutable", StringComparison.OrdinalIgnoreCase)
        || e.Causes.Any(c => c.Message.Contains("immutable", StringComparison.OrdinalIgnoreCase));
}
