using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.Api.Status;
using Homelab.Git.Revisions;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Sources;

/// <summary>
/// A GitRepository's status in source-controller's shape: <c>artifact</c>, the conditions Ready,
/// ArtifactInStorage, FetchFailed, Reconciling and Stalled, <c>observedGeneration</c> and
/// <c>lastHandledReconcileAt</c>. Built from the object's current status so unchanged conditions keep
/// their transition times and an unchanged reconcile writes nothing.
/// </summary>
public sealed class GitRepositoryStatus
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private readonly KubeObject _obj;
    private readonly DateTimeOffset _now;
    private readonly long _generation;
    private readonly JsonObject _status;
    private IReadOnlyList<Condition> _conditions;

    public GitRepositoryStatus(KubeObject obj, DateTimeOffset now)
    {
        _obj = obj;
        _now = now;
        _generation = obj.Get("metadata", "generation") is JsonValue g && g.TryGetValue<long>(out var value) ? value : 0;
        _status = obj.Get("status") is JsonObject status ? (JsonObject)status.DeepClone() : [];
        _conditions = ReadConditions(obj);
    }

    public static IReadOnlyList<Condition> ReadConditions(KubeObject obj) =>
        obj.Get("status", "conditions") is JsonArray array
            ? [.. array.OfType<JsonObject>().Select(Condition.FromJson)]
            : [];

    public static string StoredMessage(GitRevision revision) => $"stored artifact for revision '{revision}'";

    /// <summary>The revision in <c>status.artifact</c>, if any.</summary>
    public static GitRevision? ArtifactRevision(KubeObject obj) =>
        GitRevision.TryParse(obj.GetString("status", "artifact", "revision"), out var revision) ? revision : null;

    /// <summary>The spec could not be read: nothing will change until the object is edited.</summary>
    public void Stalled(string reason, string message)
    {
        Set(ConditionTypes.Ready, ConditionStatus.False, reason, message);
        Set(ConditionTypes.Stalled, ConditionStatus.True, reason, message);
        Remove(ConditionTypes.Reconciling);
    }

    public void Stored(GitArtifact artifact, string artifactPath, string artifactUrl)
    {
        var message = StoredMessage(artifact.Revision);
        var previous = _status["artifact"] as JsonObject;
        var sameRevision = previous?["revision"]?.GetValue<string>() == artifact.Revision.ToString();
        _status["artifact"] = new JsonObject
        {
            ["revision"] = artifact.Revision.ToString(),
            ["path"] = artifactPath,
            ["url"] = artifactUrl,
            // An unchanged revision keeps its time: nothing new was stored.
            ["lastUpdateTime"] = sameRevision && previous?["lastUpdateTime"] is JsonValue time
                ? time.GetValue<string>()
                : Format(artifact.StoredAt),
        };
        Set(ConditionTypes.ArtifactInStorage, ConditionStatus.True, ConditionReasons.Succeeded, message);
        Set(ConditionTypes.Ready, ConditionStatus.True, ConditionReasons.Succeeded, message);
        Remove(ConditionTypes.FetchFailed);
        Remove(ConditionTypes.Reconciling);
        Remove(ConditionTypes.Stalled);
    }

    /// <summary>A fetch failed: the last artifact (if any) stays in storage and is still served.</summary>
    public void FetchFailed(string reason, string message)
    {
        Set(ConditionTypes.FetchFailed, ConditionStatus.True, reason, message);
        Set(ConditionTypes.Ready, ConditionStatus.False, reason, message);
        Set(ConditionTypes.Reconciling, ConditionStatus.True, ConditionReasons.ProgressingWithRetry, $"retrying after: {message}");
        Remove(ConditionTypes.Stalled);
    }

    public void Unsupported(string? message)
    {
        if (message is null)
        {
            Remove(ConditionTypes.UnsupportedFields);
        }
        else
        {
            Set(ConditionTypes.UnsupportedFields, ConditionStatus.True, ConditionReasons.UnsupportedFields, message);
        }
    }

    /// <summary>The status to write, or null when it equals what the object already has.</summary>
    public JsonObject? Build()
    {
        _status["observedGeneration"] = _generation;
        _status["conditions"] = new JsonArray([.. _conditions.Select(c => (JsonNode)c.ToJson())]);
        var requestedAt = _obj.GetAnnotation(FluxKinds.RequestedAtAnnotation);
        if (requestedAt is not null)
        {
            _status["lastHandledReconcileAt"] = requestedAt;
        }

        var current = _obj.Get("status");
        return current is not null && JsonNode.DeepEquals(current, _status) ? null : _status;
    }

    private void Set(string type, string status, string reason, string message) =>
        _conditions = Conditions.Set(_conditions, new Condition(type, status, reason, message, _now, _generation));

    private void Remove(string type) => _conditions = Conditions.Remove(_conditions, type);

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
