using Homelab.Infrastructure.Tests.Fixtures;

namespace Homelab.Infrastructure.Tests.Kustomizations;

/// <summary>The inventory lives in status: a service stopped mid-reconcile resumes, and nothing it applied is orphaned.</summary>
public sealed class KustomizationRestartTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task AServiceStoppedWhileWaitingResumesAndPrunesFromTheInventoryInStatus()
    {
        // The service installs the Flux CRDs at start-up.
        var first = await fixture.StartServiceAsync();
        var ns = await fixture.CreateNamespaceAsync("ks-restart");
        var repo = fixture.CreateRepository("ks-restart");
        repo.CommitAndPush("a deployment that never becomes ready", new Dictionary<string, string>
        {
            ["apps/stuck.yaml"] = FluxYaml.Deployment("stuck", ns, simulate: "never"),
            ["apps/config.yaml"] = FluxYaml.ConfigMap("config", ns),
        });
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "apps", "./apps", extra: "  wait: true\n  timeout: 5m"));

        var waiting = await fixture.WaitForKustomizationAsync(ns, "apps",
            o => FluxStatus.Condition(o, "Reconciling")?["reason"]?.GetValue<string>() == "Progressing", "Reconciling while waiting for health");
        Assert.Contains($"{ns}_stuck_apps_Deployment", KustomizationHarness.InventoryIds(waiting));
        await Eventually.TrueAsync(() => fixture.GetAsync("apps/v1", "Deployment", ns, "stuck").Result is not null, "stuck applied");
        await first.StopAsync();

        // Fixed while no service runs: the stuck Deployment is gone from Git, a healthy one replaces it.
        var fixedRevision = GitTestRepository.Revision(repo.CommitAndPush("replace it", new Dictionary<string, string>
        {
            ["apps/healthy.yaml"] = FluxYaml.Deployment("healthy", ns),
        }, ["apps/stuck.yaml"]));

        await using var second = await fixture.StartServiceAsync();
        var ready = await fixture.WaitForReadyAsync(ns, "apps", fixedRevision, TimeSpan.FromSeconds(40));
        Assert.Equal([$"{ns}_config__ConfigMap", $"{ns}_healthy_apps_Deployment"], KustomizationHarness.InventoryIds(ready));
        await Eventually.TrueAsync(() => fixture.GetAsync("apps/v1", "Deployment", ns, "stuck").Result is null, "the stuck Deployment pruned, not orphaned", TimeSpan.FromSeconds(10));
    }
}
