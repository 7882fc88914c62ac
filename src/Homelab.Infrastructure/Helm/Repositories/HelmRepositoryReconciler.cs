using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Homelab.Api.Flux;
using Homelab.Api.Specs;
using Homelab.Api.Status;
using Homelab.Controllers;
using Homelab.Controllers.Status;
using Homelab.Infrastructure.Telemetry;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Helm.Repositories;

/// <summary>
/// source-controller's HelmRepository job: fetch <c>index.yaml</c> over HTTP(S) every interval, keep the parsed index
/// in memory for chart resolution, and report the artifact (revision = index digest) and Flux's conditions.
/// </summary>
public sealed class HelmRepositoryReconciler(
    IClusterClient client,
    RepositoryDownloader downloader,
    RepositoryIndexStore indexes,
    StatusWriter statusWriter,
    EventRecorder events,
    InfrastructureTelemetry telemetry,
    TimeProvider time,
    ILogger<HelmRepositoryReconciler> logger) : IReconciler
{
    private const string IndexationFailed = "IndexationFailed";
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var obj = await client.TryGetAsync(new ObjectReference(HelmControllerNames.RepositoryApiVersion, "HelmRepository", key.Namespace, key.Name), cancellationToken);
        if (obj is null || obj.Get("metadata", "deletionTimestamp") is not null)
        {
            indexes.Remove(key);
            return ReconcileResult.Done;
        }

        using var measure = telemetry.MeasureReconcile("HelmRepository", key.Namespace ?? "", key.Name);
        using var activity = InfrastructureTelemetry.Source.StartActivity($"reconcile HelmRepository {key}");
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["kind"] = "HelmRepository", ["name"] = key.Name, ["namespace"] = key.Namespace });
        var generation = obj.Get("metadata", "generation") is JsonValue g && g.TryGetValue<long>(out var value) ? value : 0;
        var status = obj.Get("status") as JsonObject ?? [];
        var conditions = (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().Select(Condition.FromJson).ToList();
        var specResult = HelmRepositoryReader.Read(obj);
        var spec = specResult.Spec;
        if (!specResult.IsValid)
        {
            var message = specResult.Describe(SpecProblemKind.Invalid);
            await WriteAsync(obj, status, generation, Conditions.Set(Conditions.Set(conditions, Cond(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.InvalidSpec, message, generation)),
                Cond(ConditionTypes.Stalled, ConditionStatus.True, ConditionReasons.InvalidSpec, message, generation)), null, cancellationToken);
            return ReconcileResult.Done;
        }

        if (spec.Suspend)
        {
            return ReconcileResult.Done;
        }

        IReadOnlyList<Condition> next = Conditions.Remove(conditions, ConditionTypes.Stalled);
        next = specResult.Unsupported.Count > 0
            ? Conditions.Set(next, Cond(ConditionTypes.UnsupportedFields, ConditionStatus.True, ConditionReasons.UnsupportedFields, specResult.Describe(SpecProblemKind.Unsupported), generation))
            : Conditions.Remove(next, ConditionTypes.UnsupportedFields);
        if (spec.IsOci)
        {
            const string message = "type 'oci' HelmRepositories are not supported yet; use an HTTP(S) chart repository";
            await WriteAsync(obj, status, generation, Conditions.Set(next, Cond(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.UnsupportedFields, message, generation)), null, cancellationToken);
            return ReconcileResult.Done;
        }

        RepositoryIndex index;
        long size;
        using (InfrastructureTelemetry.Source.StartActivity("fetch"))
        {
            try
            {
                var url = new Uri(spec.Url.TrimEnd('/') + "/index.yaml");
                var credentials = await RepositoryCredentials.ReadAsync(client, url, spec.SecretRef, key.Namespace ?? "default", cancellationToken);
                var bytes = await downloader.GetAsync(url, credentials, spec.Timeout, cancellationToken);
                size = bytes.LongLength;
                var revision = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
                try
                {
                    index = RepositoryIndexParser.Parse(spec.Url, revision, bytes);
                }
                catch (ManifestException e)
                {
                    return await FailAsync(obj, status, next, generation, IndexationFailed, $"failed to load Helm repository index: {e.Message}", spec.Interval, cancellationToken);
                }
            }
            catch (Exception e) when (e is RepositoryFetchException or ManifestException)
            {
                return await FailAsync(obj, status, next, generation, IndexationFailed, $"failed to fetch Helm repository index: {e.Message}", spec.Interval, cancellationToken);
            }
        }

        Activity.Current?.SetTag("revision", index.Revision);
        var previousRevision = (status["artifact"] as JsonObject)?["revision"]?.ToString();
        var ready = $"stored artifact: revision '{index.Revision}'";
        next = Conditions.Remove(next, ConditionTypes.FetchFailed);
        next = Conditions.Set(next, Cond(ConditionTypes.ArtifactInStorage, ConditionStatus.True, ConditionReasons.Succeeded, ready, generation));
        next = Conditions.Set(next, Cond(ConditionTypes.Ready, ConditionStatus.True, ConditionReasons.Succeeded, ready, generation));
        var artifact = previousRevision == index.Revision && status["artifact"] is JsonObject kept
            ? (JsonObject)kept.DeepClone()
            : new JsonObject
            {
                ["revision"] = index.Revision,
                ["digest"] = index.Revision,
                ["lastUpdateTime"] = time.GetUtcNow().UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
                ["size"] = size,
                ["path"] = $"helmrepository/{key.Namespace}/{key.Name}/index.yaml",
                ["url"] = spec.Url,
            };
        await WriteAsync(obj, status, generation, next, artifact, cancellationToken);
        indexes.Put(key, index);
        if (previousRevision != index.Revision)
        {
            await events.RecordAsync(obj, HelmControllerNames.SourceController, EventSeverity.Normal, "NewArtifact",
                $"stored fetched index of size {size} bytes with {index.Entries.Count} chart(s) from '{spec.Url}'", cancellationToken);
        }

        return ReconcileResult.RequeueAfter(spec.Interval * (0.95 + (Random.Shared.NextDouble() * 0.1)));
    }

    private async Task<ReconcileResult> FailAsync(KubeObject obj, JsonObject status, IReadOnlyList<Condition> conditions, long generation, string reason, string message, TimeSpan interval, CancellationToken cancellationToken)
    {
        var previous = Conditions.Find(conditions, ConditionTypes.Ready);
        var next = Conditions.Set(conditions, Cond(ConditionTypes.FetchFailed, ConditionStatus.True, reason, message, generation));
        next = Conditions.Set(next, Cond(ConditionTypes.Ready, ConditionStatus.False, reason, message, generation));
        await WriteAsync(obj, status, generation, next, null, cancellationToken);
        if (previous?.Message != message)
        {
            await events.RecordAsync(obj, HelmControllerNames.SourceController, EventSeverity.Warning, reason, message, cancellationToken);
        }

        return ReconcileResult.Retry(interval);
    }

    private async Task WriteAsync(KubeObject obj, JsonObject previous, long generation, IReadOnlyList<Condition> conditions, JsonObject? artifact, CancellationToken cancellationToken)
    {
        var status = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["conditions"] = new JsonArray([.. conditions.Select(c => (JsonNode)c.ToJson())]),
        };
        if (artifact is not null)
        {
            status["artifact"] = artifact;
            status["url"] = artifact["url"]?.DeepClone();
        }

        if (obj.GetAnnotation("reconcile.fluxcd.io/requestedAt") is { } requestedAt)
        {
            status["lastHandledReconcileAt"] = requestedAt;
        }

        // Unchanged status is not written again: an idle repository costs one GET of its index per interval.
        var unchanged = status.All(p => JsonNode.DeepEquals(p.Value, previous[p.Key]));
        if (unchanged)
        {
            return;
        }

        try
        {
            await statusWriter.PatchStatusAsync(obj, status, cancellationToken);
        }
        catch (NotFoundException)
        {
            // Deleted while we worked.
        }
    }

    private Condition Cond(string type, string status, string reason, string message, long generation) =>
        new(type, status, reason, message, time.GetUtcNow(), generation);
}
