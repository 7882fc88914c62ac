using System.Text.Json.Nodes;
using Homelab.Api.Status;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Tests.Helm;

/// <summary>Reads what the Helm controllers wrote, and waits for it, through the test's own cluster client.</summary>
public sealed class HelmCluster(IClusterClient client)
{
    public Task<KubeObject> ReleaseAsync(string ns, string name) =>
        client.GetAsync(new ObjectReference("helm.toolkit.fluxcd.io/v2", "HelmRelease", ns, name), CancellationToken.None);

    public Task<KubeObject> RepositoryAsync(string ns, string name) =>
        client.GetAsync(new ObjectReference("source.toolkit.fluxcd.io/v1", "HelmRepository", ns, name), CancellationToken.None);

    public Task<KubeObject?> TryGetAsync(string apiVersion, string kind, string ns, string name) =>
        client.TryGetAsync(new ObjectReference(apiVersion, kind, ns, name), CancellationToken.None);

    public static Condition? Find(KubeObject obj, string type) =>
        (obj.Get("status", "conditions") as JsonArray ?? []).OfType<JsonObject>().Select(Condition.FromJson).FirstOrDefault(c => c.Type == type);

    public static IReadOnlyList<JsonObject> History(KubeObject release) =>
        [.. (release.Get("status", "history") as JsonArray ?? []).OfType<JsonObject>()];

    /// <summary>Polls the release until <paramref name="done"/> holds; on timeout the message shows its last status.</summary>
    public async Task<KubeObject> WaitForReleaseAsync(string ns, string name, Func<KubeObject, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var release = await ReleaseAsync(ns, name);
            if (done(release))
            {
                return release;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}; status: {release.Get("status")?.ToJsonString()}");
            }

            await Task.Delay(50);
        }
    }

    public static bool ReadyWith(KubeObject release, string reason, string messagePart) =>
        Find(release, "Ready") is { } ready && ready.Reason == reason && ready.Message.Contains(messagePart, StringComparison.Ordinal);

    public Task PatchAsync(string ns, string name, string mergePatch) =>
        client.PatchAsync(new ObjectReference("helm.toolkit.fluxcd.io/v2", "HelmRelease", ns, name), mergePatch, PatchType.Merge, new WriteOptions(), CancellationToken.None);

    public Task DeleteReleaseAsync(string ns, string name) =>
        client.DeleteAsync(new ObjectReference("helm.toolkit.fluxcd.io/v2", "HelmRelease", ns, name), new DeleteOptions(), CancellationToken.None);

    /// <summary>Waits until the HelmRelease is gone (its finalizer removed).</summary>
    public async Task WaitUntilReleaseGoneAsync(string ns, string name, TimeSpan? timeout = null) =>
        await Eventually.ValueAsync(async () => await TryGetAsync("helm.toolkit.fluxcd.io/v2", "HelmRelease", ns, name) is null ? "gone" : null,
            timeout ?? TimeSpan.FromSeconds(30), $"HelmRelease {ns}/{name} released by its finalizer");

    /// <summary>The names of the Secrets holding the stored versions of <paramref name="release"/>.</summary>
    public async Task<IReadOnlyList<string>> StoredVersionsAsync(string storageNamespace, string release) =>
        [.. (await client.ListAsync("v1", "Secret", new ListOptions(storageNamespace, $"homelab.dev/helm-release={release}"), CancellationToken.None)).Items.Select(s => s.Name).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> Finalizers(KubeObject obj) =>
        [.. (obj.Get("metadata", "finalizers") as JsonArray ?? []).Select(f => f!.GetValue<string>())];
}
