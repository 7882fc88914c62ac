using Homelab.Infrastructure.Tests.Fixtures;

namespace Homelab.Infrastructure.Tests.Kustomizations;

/// <summary>
/// Bad input gets a precise Ready=False (and Stalled where only an edit helps) with Flux's reason and a
/// message naming the problem; nothing is applied and nothing previously applied is pruned.
/// </summary>
public sealed class KustomizationBadInputTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await fixture.StartServiceAsync();

    public Task DisposeAsync() => _service.StopAsync();

    [Fact]
    public async Task AMissingPathIsAnArtifactFailureAndKeepsWhatWasApplied()
    {
        var (ns, repo) = await AppliedAsync("ks-bad-path");
        var broken = repo.CommitAndPush("move the folder", new Dictionary<string, string> { ["elsewhere/a.yaml"] = FluxYaml.ConfigMap("a", ns) }, ["apps/a.yaml"]);
        await fixture.FetchNowAsync(ns);

        var failed = await fixture.WaitForReasonAsync(ns, "apps", "ArtifactFailed");
        Assert.Equal("kustomization path not found: ./apps", FluxStatus.ReadyMessage(failed));
        Assert.Equal("False", FluxStatus.Condition(failed, "Ready")!["status"]!.GetValue<string>());
        Assert.NotEqual(GitTestRepository.Revision(broken), KustomizationHarness.Revision(failed));
        Assert.NotNull(await fixture.ConfigMapAsync(ns, "a"));
        Assert.Equal([$"{ns}_a__ConfigMap"], KustomizationHarness.InventoryIds(failed));
    }

    [Fact]
    public async Task ABrokenKustomizationFileIsABuildFailureNamingTheFileAndPrunesNothing()
    {
        var (ns, repo) = await AppliedAsync("ks-bad-build");
        repo.CommitAndPush("break it", new Dictionary<string, string>
        {
            ["apps/kustomization.yaml"] = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- missing.yaml\n",
            ["apps/new.yaml"] = FluxYaml.ConfigMap("new", ns),
        });
        await fixture.FetchNowAsync(ns);

        var failed = await fixture.WaitForReasonAsync(ns, "apps", "BuildFailed");
        Assert.Contains("apps/kustomization.yaml", FluxStatus.ReadyMessage(failed), StringComparison.Ordinal);
        Assert.Contains("missing.yaml", FluxStatus.ReadyMessage(failed), StringComparison.Ordinal);
        Assert.Equal("True", FluxStatus.Condition(failed, "Reconciling")?["status"]?.GetValue<string>());
        Assert.NotNull(await fixture.ConfigMapAsync(ns, "a"));
        Assert.Null(await fixture.ConfigMapAsync(ns, "new"));
    }

    [Fact]
    public async Task APathOutsideTheSourceIsABuildFailure()
    {
        var ns = await fixture.CreateNamespaceAsync("ks-escape");
        var repo = fixture.CreateRepository("ks-escape");
        repo.CommitAndPush("one", new Dictionary<string, string> { ["apps/a.yaml"] = FluxYaml.ConfigMap("a", ns) });
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "apps", "../../etc"));

        var failed = await fixture.WaitForReasonAsync(ns, "apps", "BuildFailed");
        Assert.Contains("outside the source root", FluxStatus.ReadyMessage(failed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADependencyCycleIsStalledAndNamesTheCycle()
    {
        var ns = await fixture.CreateNamespaceAsync("ks-cycle");
        var repo = fixture.CreateRepository("ks-cycle");
        repo.CommitAndPush("one", new Dictionary<string, string> { ["a/a.yaml"] = FluxYaml.ConfigMap("a", ns), ["b/b.yaml"] = FluxYaml.ConfigMap("b", ns) });
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "a", "./a", extra: "  dependsOn:\n  - name: b"));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "b", "./b", extra: "  dependsOn:\n  - name: a"));

        var stalled = await fixture.WaitForKustomizationAsync(ns, "a", o => FluxStatus.Condition(o, "Stalled")?["reason"]?.GetValue<string>() == "DependencyCycle", "Stalled DependencyCycle");
        Assert.Equal($"dependency cycle: {ns}/a → {ns}/b → {ns}/a", FluxStatus.ReadyMessage(stalled));
        Assert.Equal("DependencyCycle", FluxStatus.ReadyReason(stalled));
        Assert.Null(await fixture.ConfigMapAsync(ns, "a"));
        Assert.Null(await fixture.ConfigMapAsync(ns, "b"));
    }

    [Fact]
    public async Task AMissingSourceIsAnArtifactFailure()
    {
        var ns = await fixture.CreateNamespaceAsync("ks-no-source");
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "apps", "./apps", source: "nowhere"));

        var failed = await fixture.WaitForReasonAsync(ns, "apps", "ArtifactFailed");
        Assert.Equal($"Source 'GitRepository/{ns}/nowhere' not found", FluxStatus.ReadyMessage(failed));
    }

    [Fact]
    public async Task AnInvalidIntervalIsStalledNamingTheField()
    {
        var ns = await fixture.CreateNamespaceAsync("ks-bad-interval");
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "apps", "./apps", interval: "soon"));

        var stalled = await fixture.WaitForReasonAsync(ns, "apps", "InvalidSpec");
        Assert.Equal("True", FluxStatus.Condition(stalled, "Stalled")?["status"]?.GetValue<string>());
        Assert.StartsWith("invalid spec: spec.interval:", FluxStatus.ReadyMessage(stalled), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsupportedFieldIsNotAppliedAndNamedInTheCondition()
    {
        var ns = await fixture.CreateNamespaceAsync("ks-decryption");
        var repo = fixture.CreateRepository("ks-decryption");
        repo.CommitAndPush("one", new Dictionary<string, string> { ["apps/a.yaml"] = FluxYaml.ConfigMap("a", ns) });
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "apps", "./apps", extra: "  decryption:\n    provider: sops"));

        var stalled = await fixture.WaitForReasonAsync(ns, "apps", "UnsupportedFields");
        Assert.Contains("spec.decryption", FluxStatus.ReadyMessage(stalled), StringComparison.Ordinal);
        Assert.Equal("True", FluxStatus.Condition(stalled, "Stalled")?["status"]?.GetValue<string>());
        Assert.Null(await fixture.ConfigMapAsync(ns, "a"));
    }

    /// <summary>A namespace with one Kustomization that applied ConfigMap <c>a</c> from <c>./apps</c>.</summary>
    private async Task<(string Namespace, GitTestRepository Repository)> AppliedAsync(string name)
    {
        var ns = await fixture.CreateNamespaceAsync(name);
        var repo = fixture.CreateRepository(name);
        var first = repo.CommitAndPush("one", new Dictionary<string, string> { ["apps/a.yaml"] = FluxYaml.ConfigMap("a", ns) });
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "apps", "./apps"));
        await fixture.WaitForReadyAsync(ns, "apps", GitTestRepository.Revision(first));
        return (ns, repo);
    }
}
