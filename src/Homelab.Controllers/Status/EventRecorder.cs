using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;
using Microsoft.Extensions.Logging;

namespace Homelab.Controllers.Status;

/// <summary>
/// Records core/v1 Events about objects, as controller-runtime's recorder does (so <c>kubectl describe</c>
/// and <c>flux events</c> show them). The same object, reason and message again within 10 minutes
/// increments <c>count</c> and <c>lastTimestamp</c> of the existing Event instead of creating another.
/// Best effort: an event that cannot be written is logged at debug level and never fails the caller.
/// </summary>
public sealed class EventRecorder
{
    /// <summary>How long a repeated event is folded into the previous one.</summary>
    public static readonly TimeSpan AggregationWindow = TimeSpan.FromMinutes(10);

    // Kubernetes refuses larger messages on events.k8s.io; keep core Events to the same bound.
    private const int MaxMessageLength = 1024;
    private const int MaxRemembered = 4096;

    private readonly IClusterClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<EventRecorder> _logger;
    private readonly string _instance = Environment.MachineName;
    private readonly Lock _gate = new();
    private readonly Dictionary<EventIdentity, RecordedEvent> _recent = [];
    private long _lastNanoseconds;

    public EventRecorder(IClusterClient client, TimeProvider time, ILogger<EventRecorder> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _time = time;
        _logger = logger;
    }

    public async Task RecordAsync(
        KubeObject involved, string reportingController, EventSeverity severity, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(involved);
        ArgumentException.ThrowIfNullOrEmpty(reportingController);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length > MaxMessageLength)
        {
            message = message[..(MaxMessageLength - 3)] + "...";
        }

        var identity = new EventIdentity(involved.ApiVersion, involved.Kind, involved.Namespace, involved.Name, involved.GetString("metadata", "uid"), reportingController, severity, reason, message);
        var now = _time.GetUtcNow();
        try
        {
            if (Recent(identity, now) is { } previous && await IncrementAsync(previous, now, cancellationToken) is { } incremented)
            {
                Remember(identity, incremented);
                return;
            }

            Remember(identity, await CreateAsync(involved, identity, now, cancellationToken));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogDebug(e, "Could not record event {Reason} for {Object}", reason, involved.Id);
        }
    }

    private RecordedEvent? Recent(EventIdentity identity, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _recent.TryGetValue(identity, out var recorded) && now - recorded.LastSeen < AggregationWindow ? recorded : null;
        }
    }

    private void Remember(EventIdentity identity, RecordedEvent recorded)
    {
        lock (_gate)
        {
            if (_recent.Count >= MaxRemembered)
            {
                // Forget what can no longer be aggregated; if everything is recent, start afresh.
                var cutoff = recorded.LastSeen - AggregationWindow;
                foreach (var stale in _recent.Where(p => p.Value.LastSeen < cutoff).Select(p => p.Key).ToList())
                {
                    _recent.Remove(stale);
                }

                if (_recent.Count >= MaxRemembered)
                {
                    _recent.Clear();
                }
            }

            _recent[identity] = recorded;
        }
    }

    /// <returns>The updated record, or null when the Event is gone (deleted or expired by the server's TTL).</returns>
    private async Task<RecordedEvent?> IncrementAsync(RecordedEvent previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = previous.Count + 1;
        var patch = new JsonObject { ["count"] = count, ["lastTimestamp"] = Timestamp(now) };
        try
        {
            await _client.PatchAsync(new ObjectReference("v1", "Event", previous.Namespace, previous.Name), patch.ToJsonString(), PatchType.Merge, new WriteOptions(), cancellationToken);
            return previous with { Count = count, LastSeen = now };
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private async Task<RecordedEvent> CreateAsync(KubeObject involved, EventIdentity identity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Events live in the involved object's namespace; cluster-scoped objects' events go to "default", as kubectl expects.
        var @namespace = string.IsNullOrEmpty(involved.Namespace) ? "default" : involved.Namespace;
        var name = $"{involved.Name}.{UniqueNanoseconds(now).ToString("x", CultureInfo.InvariantCulture)}";
        var reference = new JsonObject
        {
            ["apiVersion"] = involved.ApiVersion,
            ["kind"] = involved.Kind,
            ["name"] = involved.Name,
        };
        if (involved.Namespace is { } involvedNamespace)
        {
            reference["namespace"] = involvedNamespace;
        }

        if (identity.Uid is { } uid)
        {
            reference["uid"] = uid;
        }

        if (involved.GetString("metadata", "resourceVersion") is { } resourceVersion)
        {
            reference["resourceVersion"] = resourceVersion;
        }

        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace },
            ["involvedObject"] = reference,
            ["reason"] = identity.Reason,
            ["message"] = identity.Message,
            ["type"] = identity.Severity.ToString(),
            ["source"] = new JsonObject { ["component"] = identity.ReportingController },
            ["reportingComponent"] = identity.ReportingController,
            ["reportingInstance"] = _instance,
            ["firstTimestamp"] = Timestamp(now),
            ["lastTimestamp"] = Timestamp(now),
            ["count"] = 1,
        };
        await _client.CreateAsync(new KubeObject(body), new WriteOptions(), cancellationToken);
        return new RecordedEvent(@namespace, name, 1, now);
    }

    /// <summary>Unix nanoseconds as Kubernetes names events, made strictly increasing so two events in one tick never collide.</summary>
    private long UniqueNanoseconds(DateTimeOffset now)
    {
        var nanoseconds = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        long last, next;
        do
        {
            last = Interlocked.Read(ref _lastNanoseconds);
            next = Math.Max(nanoseconds, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastNanoseconds, next, last) != last);
        return next;
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record EventIdentity(
        string ApiVersion, string Kind, string? Namespace, string Name, string? Uid, string ReportingController, EventSeverity Severity, string Reason, string Message);

    private sealed record RecordedEvent(string Namespace, string Name, int Count, DateTimeOffset LastSeen);
}
