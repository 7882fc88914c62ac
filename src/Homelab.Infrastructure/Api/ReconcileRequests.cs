using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Homelab.Infrastructure.Sources;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.ApiService;

/// <summary>
/// What <c>flux reconcile</c>, <c>flux suspend</c> and <c>flux resume</c> do to an object: merge-patch the
/// <c>reconcile.fluxcd.io/requestedAt</c> annotation or <c>spec.suspend</c>, and wait (on cache events, not
/// by polling the server) until the controller reports the request handled.
/// </summary>
public sealed class ReconcileRequests(IClusterClient client, FluxObjects objects, TimeProvider time)
{
    /// <summary>The field manager of the API's own writes.</summary>
    public const string FieldManager = "homelab-api";

    /// <summary>Sets requestedAt to now; returns the patched object and the value to wait for.</summary>
    public async Task<(KubeObject Object, string RequestedAt)> RequestAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        var requestedAt = Now();
        var patch = new JsonObject { ["metadata"] = Annotation(requestedAt) };
        return (await PatchAsync(obj, patch, cancellationToken), requestedAt);
    }

    public Task<KubeObject> SuspendAsync(KubeObject obj, CancellationToken cancellationToken) =>
        PatchAsync(obj, new JsonObject { ["spec"] = new JsonObject { ["suspend"] = true } }, cancellationToken);

    /// <summary>Clears <c>spec.suspend</c> and, as flux does, asks for a reconcile at once.</summary>
    public Task<KubeObject> ResumeAsync(KubeObject obj, CancellationToken cancellationToken) =>
        PatchAsync(obj, new JsonObject { ["metadata"] = Annotation(Now()), ["spec"] = new JsonObject { ["suspend"] = false } }, cancellationToken);

    /// <summary>
    /// Whether the object is suspended, asking the API server when the cache says so: right after a resume the
    /// cache can still hold the suspended copy, and refusing a reconcile on that would be wrong.
    /// </summary>
    public async Task<bool> IsSuspendedAsync(KubeObject cached, CancellationToken cancellationToken) =>
        FluxObjectMapper.IsSuspended(cached)
        && (await client.TryGetAsync(ObjectReference.From(cached), cancellationToken) is not { } live || FluxObjectMapper.IsSuspended(live));

    /// <summary>Waits until the cached object's <c>status.lastHandledReconcileAt</c> is <paramref name="requestedAt"/> and that reconcile has finished (or the object is gone).</summary>
    public async Task<KubeObject?> WaitHandledAsync(KubeObject obj, string requestedAt, CancellationToken cancellationToken)
    {
        var id = obj.Id;
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        using var subscription = objects.Cache.Subscribe(e =>
        {
            if (e.Object.Id == id)
            {
                changed.Writer.TryWrite(true);
            }
        });

        while (true)
        {
            var current = await objects.GetAsync(id.Group, id.Kind, id.Namespace ?? "", id.Name, cancellationToken);
            // Handled means finished: the controller records the request when it starts (Ready=Unknown,
            // "Reconciliation in progress") and the outcome when it ends.
            if (current is null || (current.GetString("status", "lastHandledReconcileAt") == requestedAt && !InProgress(current)))
            {
                return current;
            }

            await changed.Reader.ReadAsync(cancellationToken);
        }
    }

    private static bool InProgress(KubeObject obj) =>
        FluxObjectMapper.ReadConditions(obj).Any(c => c.Type == "Ready" && c.Status == "Unknown");

    private async Task<KubeObject> PatchAsync(KubeObject obj, JsonObject patch, CancellationToken cancellationToken) =>
        await client.PatchAsync(ObjectReference.From(obj), patch.ToJsonString(), PatchType.Merge, new WriteOptions(FieldManager), cancellationToken);

    private static JsonObject Annotation(string requestedAt) =>
        new() { ["annotations"] = new JsonObject { [FluxKinds.RequestedAtAnnotation] = requestedAt } };

    // RFC 3339 with sub-second precision, as the flux CLI writes it: two requests in one second still differ.
    private string Now() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
