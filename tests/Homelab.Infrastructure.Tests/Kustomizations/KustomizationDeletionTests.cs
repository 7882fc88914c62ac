using System.Text.Json.Nodes;
using Homelab.Infrastructure.Tests.Fixtures;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Tests.Kustomizations;

/// <summary>
/// Flux's <c>finalizers.fluxcd.io</c>: deleting a Kustomization with <c>prune: true</c> deletes the objects
/// it still owns first; <c>prune: false</c> and a suspended Kustomization are released and their objects kept.
/// </summary>
public sealed class KustomizationDeletionTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private const string Finalizer = "finalizers.fluxcd.io";

    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await fixture.StartServiceAsync();

    public Task DisposeAsync() => _service.StopAsync();

    [Fact]
    public async Task DeletingWithPruneDeletesOnlyWhatItStillOwnsThenGoes()
    {
        var ns = await fixture.CreateNamespaceAsync("ks-delete-prune");
        var repo = fixture.CreateRepository("ks-delete-prune");
        var revision = repo.CommitAndPush("three config maps", new Dictionary<string, string>
        {
            ["apps/owned.yaml"] = FluxYaml.ConfigMap("owned", ns),
            ["apps/taken.yaml"] = FluxYaml.ConfigMap("taken", ns),
            ["apps/kept.yaml"] = FluxYaml.ConfigMap("kept", ns, annotations: "  annotations:\n    kustomize.toolkit.fluxcd.io/prune: disabled"),
        });
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "apps", "./apps"));
        var ready = await fixture.WaitForReadyAsync(ns, "apps", GitTestRepository.Revision(revision));
        Assert.Contains(Finalizer, Finalizers(ready));
        Assert.Equal(3, KustomizationHarness.InventoryIds(ready).Count);

        // Someone else took "taken" over: it is still in the inventory but no longer carries our labels.
        await fixture.Client.PatchAsync(new ObjectReference("v1", "ConfigMap", ns, "taken"),
            """{"metadata":{"labels":{"kustomize.toolkit.fluxcd.io/name":"other"}}}""", PatchType.Merge, new WriteOptions(), CancellationToken.None);

        await DeleteKustomizationAsync(ns, "apps");

        await WaitUntilGoneAsync(ns, "apps");
        Assert.Null(await fixture.ConfigMapAsync(ns, "owned"));
        Assert.NotNull(await fixture.ConfigMapAsync(ns, "taken"));
        Assert.NotNull(await fixture.ConfigMapAsync(ns, "kept"));
    }

    [Fact]
    public async Task DeletingWithoutPruneOrWhileSuspendedKeepsTheObjects()
    {
        var ns = await fixture.CreateNamespaceAsync("ks-delete-keep");
        var repo = fixture.CreateRepository("ks-delete-keep");
        var revision = GitTestRepository.Revision(repo.CommitAndPush("two folders", new Dictionary<string, string>
        {
            ["unpruned/a.yaml"] = FluxYaml.ConfigMap("a", ns),
            ["suspended/b.yaml"] = FluxYaml.ConfigMap("b", ns),
        }));
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "unpruned", "./unpruned", prune: false));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "suspended", "./suspended"));
        Assert.Contains(Finalizer, Finalizers(await fixture.WaitForReadyAsync(ns, "unpruned", revision)));
        Assert.Contains(Finalizer, Finalizers(await fixture.WaitForReadyAsync(ns, "suspended", revision)));
        await fixture.MergePatchSpecAsync(ns, "suspended", """{"suspend":true}""");

        await DeleteKustomizationAsync(ns, "unpruned");
        await DeleteKustomizationAsync(ns, "suspended");

        await WaitUntilGoneAsync(ns, "unpruned");
        await WaitUntilGoneAsync(ns, "suspended");
        Assert.NotNull(await fixture.ConfigMapAsync(ns, "a"));
        Assert.NotNull(await fixture.ConfigMapAsync(ns, "b"));
    }

    private Task DeleteKustomizationAsync(string ns, string name) =>
        fixture.Client.DeleteAsync(new ObjectReference(FluxYaml.KustomizationApiVersion, "Kustomization", ns, name), new DeleteOptions(), CancellationToken.None);

    private Task WaitUntilGoneAsync(string ns, string name) =>
        Eventually.TrueAsync(() => fixture.GetAsync(FluxYaml.KustomizationApiVersion, "Kustomization", ns, name).Result is null,
            $"Kustomization {ns}/{name} released by its finalizer", TimeSpan.FromSeconds(15));

    private static List<string> Finalizers(KubeObject obj) =>
        [.. (obj.Get("metadata", "finalizers") as JsonArray ?? []).Select(f => f!.GetValue<string>())];
}
