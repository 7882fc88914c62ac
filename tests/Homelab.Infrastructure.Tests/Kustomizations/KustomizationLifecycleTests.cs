using Homelab.Infrastructure.Tests.Fixtures;
using Homelab.Kubernetes.Caching;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;
using Microsoft.Extensions.DependencyInjection;

namespace Homelab.Infrastructure.Tests.Kustomizations;

/// <summary>
/// A Kustomization through the running service, against a real git server and the dev cluster: commits are
/// applied, removed files pruned (or kept with <c>prune: false</c>), drift reverted at the next interval,
/// suspend honoured and requestedAt answered at once.
/// </summary>
public sealed class KustomizationLifecycleTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await fixture.StartServiceAsync();

    public Task DisposeAsync() => _service.StopAsync();

    [Fact]
    public async Task ANewCommitIsAppliedAndARemovedFileIsPruned()
    {
        var ns = await fixture.CreateNamespaceAsync("ks-commit");
        var repo = fixture.CreateRepository("ks-commit");
        var first = repo.CommitAndPush("two config maps", new Dictionary<string, string>
        {
            ["apps/a.yaml"] = FluxYaml.ConfigMap("a", ns, "1"),
            ["apps/b.yaml"] = FluxYaml.ConfigMap("b", ns, "1"),
        });
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "apps", "./apps"));

        var ready = await fixture.WaitForReadyAsync(ns, "apps", GitTestRepository.Revision(first));
        Assert.Equal("ReconciliationSucceeded", FluxStatus.ReadyReason(ready));
        Assert.Equal($"Applied revision: {GitTestRepository.Revision(first)}", FluxStatus.ReadyMessage(ready));
        Assert.Equal(GitTestRepository.Revision(first), ready.GetString("status", "lastAttemptedRevision"));
        Assert.Equal(ready.Get("metadata", "generation")!.GetValue<long>(), ready.Get("status", "observedGeneration")!.GetValue<long>());
        Assert.Equal([$"{ns}_a__ConfigMap", $"{ns}_b__ConfigMap"], KustomizationHarness.InventoryIds(ready));
        Assert.Null(FluxStatus.Condition(ready, "Reconciling"));
        var a = await fixture.ConfigMapAsync(ns, "a");
        Assert.Equal("apps", a!.GetLabel("kustomize.toolkit.fluxcd.io/name"));
        Assert.Equal(ns, a.GetLabel("kustomize.toolkit.fluxcd.io/namespace"));
        Assert.Contains(a.Get("metadata", "managedFields")!.AsArray(), m => m!["manager"]!.GetValue<string>() == "kustomize-controller");

        var second = repo.CommitAndPush("change a, remove b", new Dictionary<string, string> { ["apps/a.yaml"] = FluxYaml.ConfigMap("a", ns, "2") }, ["apps/b.yaml"]);
        await fixture.FetchNowAsync(ns);

        var applied = await fixture.WaitForReadyAsync(ns, "apps", GitTestRepository.Revision(second));
        Assert.Equal([$"{ns}_a__ConfigMap"], KustomizationHarness.InventoryIds(applied));
        Assert.Equal("2", (await fixture.ConfigMapAsync(ns, "a"))!.GetString("data", "value"));
        await Eventually.TrueAsync(() => fixture.ConfigMapAsync(ns, "b").Result is null, "b pruned");

        var events = await fixture.Client.ListAsync("v1", "Event", new ListOptions { Namespace = ns }, CancellationToken.None);
        Assert.Contains(events.Items, e => e.GetString("reason") == "ReconciliationSucceeded" && e.GetString("message")!.Contains($"ConfigMap/{ns}/b deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithPruneOffARemovedFileIsKept()
    {
        var ns = await fixture.CreateNamespaceAsync("ks-noprune");
        var repo = fixture.CreateRepository("ks-noprune");
        var first = repo.CommitAndPush("two", new Dictionary<string, string>
        {
            ["apps/a.yaml"] = FluxYaml.ConfigMap("a", ns),
            ["apps/b.yaml"] = FluxYaml.ConfigMap("b", ns),
        });
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "apps", "./apps", prune: false));
        await fixture.WaitForReadyAsync(ns, "apps", GitTestRepository.Revision(first));

        var second = repo.CommitAndPush("remove b", new Dictionary<string, string>(), ["apps/b.yaml"]);
        await fixture.FetchNowAsync(ns);
        var applied = await fixture.WaitForReadyAsync(ns, "apps", GitTestRepository.Revision(second));

        Assert.Equal([$"{ns}_a__ConfigMap"], KustomizationHarness.InventoryIds(applied));
        Assert.NotNull(await fixture.ConfigMapAsync(ns, "b"));
    }

    [Fact]
    public async Task DriftIsRevertedAtTheNextIntervalButNotWhileSuspended()
    {
        var ns = await fixture.CreateNamespaceAsync("ks-drift");
        var repo = fixture.CreateRepository("ks-drift");
        var first = repo.CommitAndPush("one", new Dictionary<string, string>
        {
            ["apps/a.yaml"] = FluxYaml.ConfigMap("a", ns, "git"),
            ["witness/w.yaml"] = FluxYaml.ConfigMap("w", ns, "git"),
        });
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "apps", "./apps", interval: "2s"));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "witness", "./witness", interval: "2s"));
        await fixture.WaitForReadyAsync(ns, "apps", GitTestRepository.Revision(first));
        await fixture.WaitForReadyAsync(ns, "witness", GitTestRepository.Revision(first));

        await EditConfigMapAsync(ns, "a", "by-hand");
        await Eventually.TrueAsync(() => fixture.ConfigMapAsync(ns, "a").Result?.GetString("data", "value") == "git", "drift reverted", TimeSpan.FromSeconds(15));

        await fixture.MergePatchSpecAsync(ns, "apps", """{"suspend":true}""");
        var cache = _service.Services.GetRequiredService<ClusterCache>();
        await Eventually.TrueAsync(() => cache.Get(new ObjectId("kustomize.toolkit.fluxcd.io", "Kustomization", ns, "apps"))?.Get("spec", "suspend")?.GetValue<bool>() == true, "service sees suspend");

        // The witness runs on the same interval: once its drift is reverted, the suspended one has had its turn too.
        await EditConfigMapAsync(ns, "a", "by-hand");
        await EditConfigMapAsync(ns, "w", "by-hand");
        await Eventually.TrueAsync(() => fixture.ConfigMapAsync(ns, "w").Result?.GetString("data", "value") == "git", "witness drift reverted", TimeSpan.FromSeconds(15));
        await EditConfigMapAsync(ns, "w", "by-hand");
        await Eventually.TrueAsync(() => fixture.ConfigMapAsync(ns, "w").Result?.GetString("data", "value") == "git", "witness drift reverted again", TimeSpan.FromSeconds(15));
        Assert.Equal("by-hand", (await fixture.ConfigMapAsync(ns, "a"))!.GetString("data", "value"));

        await fixture.MergePatchSpecAsync(ns, "apps", """{"suspend":false}""");
        await Eventually.TrueAsync(() => fixture.ConfigMapAsync(ns, "a").Result?.GetString("data", "value") == "git", "drift reverted after resume", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task RequestedAtReconcilesAtOnceAndIsRecordedAsHandled()
    {
        var ns = await fixture.CreateNamespaceAsync("ks-requested");
        var repo = fixture.CreateRepository("ks-requested");
        var first = repo.CommitAndPush("one", new Dictionary<string, string> { ["apps/a.yaml"] = FluxYaml.ConfigMap("a", ns, "git") });
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "apps", "./apps", interval: "1h"));
        await fixture.WaitForReadyAsync(ns, "apps", GitTestRepository.Revision(first));

        await EditConfigMapAsync(ns, "a", "by-hand");
        var requested = "2026-01-01T00:00:00.000000001Z";
        await fixture.AnnotateAsync(FluxYaml.KustomizationApiVersion, "Kustomization", ns, "apps", "reconcile.fluxcd.io/requestedAt", requested);

        var handled = await fixture.WaitForKustomizationAsync(ns, "apps", o => o.GetString("status", "lastHandledReconcileAt") == requested, "requestedAt handled", TimeSpan.FromSeconds(10));
        Assert.True(FluxStatus.IsReady(handled));
        Assert.Equal("git", (await fixture.ConfigMapAsync(ns, "a"))!.GetString("data", "value"));
    }

    private async Task EditConfigMapAsync(string ns, string name, string value) =>
        await fixture.Client.PatchAsync(new ObjectReference("v1", "ConfigMap", ns, name), "{\"data\":{\"value\":\"" + value + "\"}}", PatchType.Merge, new WriteOptions(FieldManager: "kubectl-edit"), CancellationToken.None);
}
