using Homelab.DevCluster.Faults;
using Homelab.Infrastructure.Tests.Fixtures;
using Homelab.Kubernetes.Client;

namespace Homelab.Infrastructure.Tests.Helm;

/// <summary>
/// helm-controller's <c>finalizers.fluxcd.io</c>: deleting a HelmRelease uninstalls its release (the objects it still
/// owns and the stored versions) before the HelmRelease goes; a suspended one goes and leaves everything; an
/// uninstall that fails keeps the HelmRelease, says why, and is retried.
/// </summary>
public sealed class HelmReleaseDeletionTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    private const string Finalizer = "finalizers.fluxcd.io";

    private readonly HelmCluster _cluster = new(fixture.Client);

    [Fact]
    public async Task Deleting_uninstalls_what_the_release_still_owns_and_its_storage_then_goes()
    {
        var ns = await fixture.CreateNamespaceAsync("helm-delete");
        await using var repo = await ServeAsync();
        await using var service = await StartAsync();
        await fixture.CreateAsync(HelmYaml.Repository(ns, repo.Url) + HelmYaml.Release(ns, "demo", "podinfo", "1.0.0", values: "extra: true") + $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: bystander
              namespace: {ns}
            data:
              owner: nobody
            """);
        var installed = await _cluster.WaitForReleaseAsync(ns, "demo", r => HelmCluster.ReadyWith(r, "InstallSucceeded", "demo.v1"), "install");
        Assert.Contains(Finalizer, HelmCluster.Finalizers(installed));
        await _cluster.PatchAsync(ns, "demo", """{"spec":{"values":{"message":"two"}}}""");
        await _cluster.WaitForReleaseAsync(ns, "demo", r => HelmCluster.ReadyWith(r, "UpgradeSucceeded", "demo.v2"), "upgrade");
        Assert.Equal(["homelab.helm.release.v1.demo.v1", "homelab.helm.release.v1.demo.v2"], await _cluster.StoredVersionsAsync(ns, "demo"));

        // Someone else took "demo-extra" over: still in the inventory, but no longer labelled as this release's.
        await fixture.Client.PatchAsync(new ObjectReference("v1", "ConfigMap", ns, "demo-extra"),
            """{"metadata":{"labels":{"helm.toolkit.fluxcd.io/name":"other"}}}""", PatchType.Merge, new WriteOptions(), CancellationToken.None);

        await _cluster.DeleteReleaseAsync(ns, "demo");

        await _cluster.WaitUntilReleaseGoneAsync(ns, "demo");
        Assert.Null(await _cluster.TryGetAsync("v1", "ConfigMap", ns, "demo-config"));
        Assert.Null(await _cluster.TryGetAsync("apps/v1", "Deployment", ns, "demo"));
        Assert.Empty(await _cluster.StoredVersionsAsync(ns, "demo"));
        Assert.NotNull(await _cluster.TryGetAsync("v1", "ConfigMap", ns, "demo-extra"));
        Assert.Equal("nobody", (await _cluster.TryGetAsync("v1", "ConfigMap", ns, "bystander"))!.GetString("data", "owner"));
        var events = await fixture.Client.ListAsync("v1", "Event", new ListOptions(ns), CancellationToken.None);
        Assert.Contains(events.Items, e => e.GetString("reason") == "UninstallSucceeded"
            && e.GetString("message") == $"Helm uninstall succeeded for release {ns}/demo.v2 with chart podinfo@1.0.0");
    }

    [Fact]
    public async Task Deleting_a_suspended_release_leaves_its_objects_and_storage()
    {
        var ns = await fixture.CreateNamespaceAsync("helm-delete-suspended");
        await using var repo = await ServeAsync();
        await using var service = await StartAsync();
        await fixture.CreateAsync(HelmYaml.Repository(ns, repo.Url) + HelmYaml.Release(ns, "demo", "podinfo", "1.0.0"));
        var installed = await _cluster.WaitForReleaseAsync(ns, "demo", r => HelmCluster.ReadyWith(r, "InstallSucceeded", "demo.v1"), "install");
        Assert.Contains(Finalizer, HelmCluster.Finalizers(installed));
        await _cluster.PatchAsync(ns, "demo", """{"spec":{"suspend":true}}""");

        await _cluster.DeleteReleaseAsync(ns, "demo");

        await _cluster.WaitUntilReleaseGoneAsync(ns, "demo");
        Assert.NotNull(await _cluster.TryGetAsync("v1", "ConfigMap", ns, "demo-config"));
        Assert.NotNull(await _cluster.TryGetAsync("apps/v1", "Deployment", ns, "demo"));
        Assert.Equal(["homelab.helm.release.v1.demo.v1"], await _cluster.StoredVersionsAsync(ns, "demo"));
    }

    [Fact]
    public async Task A_failed_uninstall_keeps_the_release_says_why_and_is_retried()
    {
        var ns = await fixture.CreateNamespaceAsync("helm-delete-fails");
        await using var repo = await ServeAsync();
        await using var service = await StartAsync();
        await fixture.CreateAsync(HelmYaml.Repository(ns, repo.Url) + HelmYaml.Release(ns, "demo", "podinfo", "1.0.0"));
        await _cluster.WaitForReleaseAsync(ns, "demo", r => HelmCluster.ReadyWith(r, "InstallSucceeded", "demo.v1"), "install");

        fixture.Cluster.Faults.AddError(new ErrorFault("delete", "configmaps", 403));
        try
        {
            await _cluster.DeleteReleaseAsync(ns, "demo");
            var failed = await _cluster.WaitForReleaseAsync(ns, "demo", r => HelmCluster.Find(r, "Ready") is { Reason: "UninstallFailed" }, "uninstall failure");
            Assert.StartsWith($"Helm uninstall failed for release {ns}/demo with chart podinfo@1.0.0: ", HelmCluster.Find(failed, "Ready")!.Message);
            Assert.Contains("demo-config", HelmCluster.Find(failed, "Ready")!.Message);
            Assert.Contains(Finalizer, HelmCluster.Finalizers(failed));
            Assert.NotNull(await _cluster.TryGetAsync("v1", "ConfigMap", ns, "demo-config"));
            Assert.Equal(["homelab.helm.release.v1.demo.v1"], await _cluster.StoredVersionsAsync(ns, "demo"));
        }
        finally
        {
            fixture.Cluster.Faults.Clear();
        }

        await _cluster.WaitUntilReleaseGoneAsync(ns, "demo");
        Assert.Null(await _cluster.TryGetAsync("v1", "ConfigMap", ns, "demo-config"));
        Assert.Empty(await _cluster.StoredVersionsAsync(ns, "demo"));
    }

    private Task<RunningService> StartAsync() =>
        fixture.StartServiceAsync(new Dictionary<string, string?> { ["Helm:ChartCacheDirectory"] = fixture.Temp.Sub($"charts-{Guid.NewGuid():N}") });

    private Task<ChartRepositoryServer> ServeAsync() =>
        ChartRepositoryServer.PublishAndStartAsync(fixture.Temp.Sub($"repo-{Guid.NewGuid():N}"), [("podinfo", "1.0.0", null)]);
}
