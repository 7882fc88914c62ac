using System.Globalization;
using Homelab.Kubernetes.Caching;
using Homelab.Manifests.Health;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Sync;

/// <summary>
/// Waits until objects are healthy, judged by the shared <see cref="HealthAssessor"/> on the cache's
/// copies: Healthy, Suspended or no health rule counts as done; Degraded fails at once (no point waiting
/// for the timeout); anything else is waited for until the deadline.
/// </summary>
public sealed class HealthWaiter(ClusterCache cache, HealthAssessor assessor, CacheWaiter waiter)
{
    /// <summary>The objects that did not become healthy, with why; empty when all did.</summary>
    public async Task<IReadOnlyDictionary<ObjectId, string>> WaitAsync(IReadOnlyCollection<HealthTarget> targets, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var failures = new Dictionary<ObjectId, string>();
        var pending = targets.ToDictionary(t => t.Id);
        var last = new Dictionary<ObjectId, string>();

        bool Settled()
        {
            foreach (var target in pending.Values.ToList())
            {
                var (done, message) = Check(target);
                if (done)
                {
                    pending.Remove(target.Id);
                    if (message is not null)
                    {
                        failures[target.Id] = message;
                    }
                }
                else
                {
                    last[target.Id] = message ?? "waiting";
                }
            }

            return pending.Count == 0;
        }

        if (!await waiter.WaitUntilAsync(Settled, deadline, cancellationToken))
        {
            foreach (var id in pending.Keys)
            {
                failures[id] = $"timed out waiting for health: {last.GetValueOrDefault(id, "not seen yet")}";
            }
        }

        return failures;
    }

    /// <summary>(done, failure message) — or (false, progress message) while still waiting.</summary>
    private (bool Done, string? Message) Check(HealthTarget target)
    {
        var live = cache.Get(target.Id);
        if (live is null)
        {
            return (false, "not in the cache yet");
        }

        if (!HasCaughtUp(live, target.ResourceVersion))
        {
            return (false, "the cache has not seen our write yet");
        }

        var health = assessor.Assess(live);
        return health?.Status switch
        {
            null or HealthStatusCode.Healthy or HealthStatusCode.Suspended => (true, null),
            HealthStatusCode.Degraded => (true, $"Degraded: {health.Message}"),
            _ => (false, $"{health.Status}: {health.Message}"),
        };
    }

    /// <summary>
    /// Health must be judged on our write or a later one, not on the state before it. Resource versions
    /// are opaque to clients in general; when both parse as integers (etcd and the dev cluster) they order.
    /// </summary>
    private static bool HasCaughtUp(KubeObject live, string? written)
    {
        if (written is null || live.GetString("metadata", "resourceVersion") is not { } seen)
        {
            return true;
        }

        return long.TryParse(seen, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            && long.TryParse(written, NumberStyles.None, CultureInfo.InvariantCulture, out var w)
                ? s >= w
                : seen == written;
    }
}
