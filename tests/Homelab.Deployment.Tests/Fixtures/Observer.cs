using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Deployment.Tests.Fixtures;

/// <summary>
/// What the test sees of a cluster, from watches opened once: waiting on it sends no further API
/// requests, so the dev cluster's request log afterwards holds only the services' requests.
/// </summary>
internal sealed class Observer(ClusterCache cache) : IAsyncDisposable
{
    public static async Task<Observer> StartAsync(IClusterClient client, params (string Group, string Kind)[] kinds)
    {
        var cache = new ClusterCache(client, new CacheOptions());
        foreach (var (group, kind) in kinds)
        {
            await cache.WatchAsync(group, kind, CancellationToken.None);
        }

        await cache.WaitForSyncAsync(CancellationToken.None);
        return new Observer(cache);
    }

    public KubeObject? Get(string group, string kind, string? @namespace, string name) => cache.Get(new ObjectId(group, kind, @namespace, name));

    public bool IsReady(string group, string kind, string @namespace, string name) =>
        Get(group, kind, @namespace, name)?.Get("status", "conditions") is System.Text.Json.Nodes.JsonArray conditions
        && conditions.Any(c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "True");

    public bool IsSyncedAndHealthy(string name) =>
        Get("argoproj.io", "Application", "argocd", name) is { } app
        && app.GetString("status", "sync", "status") == "Synced"
        && app.GetString("status", "health", "status") == "Healthy";

    public ValueTask DisposeAsync() => cache.DisposeAsync();
}
