using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Handlers;
using Homelab.DevCluster.Storage;

namespace Homelab.DevCluster.Simulator;

/// <summary>
/// Makes workloads reach their ready status after a delay, the way controllers and kubelets would,
/// always with observedGeneration = generation. Annotations ask for failure or another delay.
/// </summary>
internal sealed class StatusSimulator(ResourceOperations operations, TimeProvider time, TimeSpan defaultDelay, CancellationToken stopping)
{
    private static readonly HashSet<string> Kinds =
        ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "PersistentVolumeClaim", "Service", "Ingress"];

    private readonly ConcurrentDictionary<(string, string?, string, long), bool> _scheduled = new();

    public void Observe(WatchEvent e)
    {
        if (e.Type == WatchEvent.Deleted)
        {
            return;
        }

        var slash = e.StorageKey.IndexOf('/', StringComparison.Ordinal);
        var type = operations.Registry.FindAnyVersion(e.StorageKey[..slash], e.StorageKey[(slash + 1)..]);
        if (type is null || type.IsCustom || !Kinds.Contains(type.Kind))
        {
            return;
        }

        var node = e.Object.ToNode();
        var annotations = node["metadata"]?["annotations"] as JsonObject;
        var outcome = annotations?[SimulationAnnotations.Outcome]?.GetValue<string>();
        if (outcome == "never" || !SimulatedStatus.NeedsStatus(type.Kind, node))
        {
            return;
        }

        var generation = node["metadata"]?["generation"]?.GetValue<long>() ?? 0;
        if (!_scheduled.TryAdd((e.StorageKey, e.Object.Namespace, e.Object.Name, generation), true))
        {
            return;
        }

        var delay = ParseDelay(annotations?[SimulationAnnotations.Delay]?.GetValue<string>()) ?? defaultDelay;
        _ = WriteLaterAsync(type, e.Object.Namespace, e.Object.Name, generation, outcome == "fail", delay);
    }

    private async Task WriteLaterAsync(ResourceType type, string? ns, string name, long generation, bool fail, TimeSpan delay)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, stopping).ConfigureAwait(false);
            }

            var now = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            operations.Patch(
                type,
                ns,
                name,
                live =>
                {
                    var current = live!["metadata"]?["generation"]?.GetValue<long>() ?? 0;
                    if (current == generation && SimulatedStatus.For(type.Kind, live, fail, now) is { } status)
                    {
                        live["status"] = MergeStatus(live["status"] as JsonObject, status);
                    }

                    return live;
                },
                new WriteOptions("devcluster-simulator", false, "status"),
                createIfMissing: false,
                managedFieldsDone: false);
        }
        catch (Exception e) when (e is OperationCanceledException or Errors.ApiException or InvalidOperationException)
        {
            // Stopped, deleted meanwhile, superseded by a newer generation (which has its own
            // schedule), or a spec this simulator cannot read (e.g. replicas that are not a number).
        }
        finally
        {
            _scheduled.TryRemove((type.StorageKey, ns, name, generation), out _);
        }
    }

    private static JsonObject MergeStatus(JsonObject? current, JsonObject simulated)
    {
        var result = current?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in simulated)
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }

    private static TimeSpan? ParseDelay(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (text.EndsWith("ms", StringComparison.Ordinal) && double.TryParse(text[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (text.EndsWith('s') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
        {
            return TimeSpan.FromSeconds(s);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? TimeSpan.FromSeconds(plain) : null;
    }
}
