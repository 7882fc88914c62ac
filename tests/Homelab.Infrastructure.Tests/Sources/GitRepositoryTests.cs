using Homelab.Api.Flux;
using Homelab.Infrastructure.Sources;
using Homelab.Infrastructure.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Homelab.Infrastructure.Tests.Sources;

/// <summary>The GitRepository controller against a real git server and the dev cluster, through the running service.</summary>
public sealed class GitRepositoryTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private const string ApiVersion = "source.toolkit.fluxcd.io/v1";
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await fixture.StartServiceAsync();

    public Task DisposeAsync() => _service.StopAsync();


    [Fact]
    public async Task StoresTheArtifactOfTheBranchAndPicksUpANewCommit()
    {
        var repo = fixture.CreateRepository("sources-new-commit");
        var first = repo.CommitAndPush("first", new Dictionary<string, string> { ["app/config.yaml"] = "a: 1\n" });
        var ns = await fixture.CreateNamespaceAsync("src-new-commit");
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url));

        var ready = await fixture.WaitForAsync(ApiVersion, "GitRepository", ns, "repo", o => FluxStatus.IsReady(o), "Ready");
        Assert.Equal(GitTestRepository.Revision(first), FluxStatus.ArtifactRevision(ready));
        Assert.Equal("Succeeded", FluxStatus.ReadyReason(ready));
        Assert.Equal($"stored artifact for revision 'main@sha1:{first}'", FluxStatus.ReadyMessage(ready));
        Assert.Equal("True", FluxStatus.Condition(ready, "ArtifactInStorage")?["status"]?.GetValue<string>());
        Assert.Equal(ready.Get("metadata", "generation")!.GetValue<long>(), ready.Get("status", "observedGeneration")!.GetValue<long>());

        // Consumers lease the tree at that revision.
        var artifacts = _service.Services.GetRequiredService<ISourceArtifacts>();
        var source = new SourceReference("GitRepository", "repo", ns);
        using (var lease = await artifacts.AcquireAsync(source, CancellationToken.None))
        {
            Assert.NotNull(lease);
            Assert.Equal(GitTestRepository.Revision(first), lease.Revision);
            Assert.Equal("a: 1\n", await File.ReadAllTextAsync(Path.Combine(lease.RootPath, "app/config.yaml")));
        }

        Assert.True(artifacts.Describe(source).Ready);

        var notified = new TaskCompletionSource<SourceReference>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = artifacts.Subscribe(s => notified.TrySetResult(s));
        var second = repo.CommitAndPush("second", new Dictionary<string, string> { ["app/config.yaml"] = "a: 2\n" });
        await RequestReconcileAsync(ns, "repo");

        var updated = await fixture.WaitForAsync(ApiVersion, "GitRepository", ns, "repo", o => FluxStatus.ArtifactRevision(o) == GitTestRepository.Revision(second), "new revision");
        Assert.True(FluxStatus.IsReady(updated));
        Assert.Equal(source, await notified.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        using var next = await artifacts.AcquireAsync(source, CancellationToken.None);
        Assert.Equal("a: 2\n", await File.ReadAllTextAsync(Path.Combine(next!.RootPath, "app/config.yaml")));
    }

    [Fact]
    public async Task AnUnreachableRepositoryIsAGitOperationFailure()
    {
        var ns = await fixture.CreateNamespaceAsync("src-bad-url");
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "missing", $"{fixture.Git.BaseUrl}/does-not-exist.git"));

        var failed = await fixture.WaitForAsync(ApiVersion, "GitRepository", ns, "missing", o => FluxStatus.ReadyReason(o) == "GitOperationFailed", "GitOperationFailed");
        Assert.Equal("False", FluxStatus.Condition(failed, "Ready")!["status"]!.GetValue<string>());
        Assert.Contains("does-not-exist.git", FluxStatus.ReadyMessage(failed));
        Assert.Equal("True", FluxStatus.Condition(failed, "FetchFailed")?["status"]?.GetValue<string>());
        Assert.Null(FluxStatus.ArtifactRevision(failed));
    }

    [Fact]
    public async Task AMissingBranchNamesTheBranch()
    {
        var repo = fixture.CreateRepository("sources-missing-ref");
        repo.CommitAndPush("first", new Dictionary<string, string> { ["a.yaml"] = "a: 1\n" });
        var ns = await fixture.CreateNamespaceAsync("src-missing-ref");
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url, branch: "no-such-branch"));

        var failed = await fixture.WaitForAsync(ApiVersion, "GitRepository", ns, "repo", o => FluxStatus.ReadyReason(o) == "GitOperationFailed", "GitOperationFailed");
        Assert.Contains("no-such-branch", FluxStatus.ReadyMessage(failed));
    }

    [Fact]
    public async Task AnInvalidIntervalIsStalledWithTheFieldNamed()
    {
        var repo = fixture.CreateRepository("sources-invalid");
        var ns = await fixture.CreateNamespaceAsync("src-invalid");
        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "repo", repo.Url, interval: "soon"));

        var stalled = await fixture.WaitForAsync(ApiVersion, "GitRepository", ns, "repo", o => FluxStatus.ReadyReason(o) == "InvalidSpec", "InvalidSpec");
        Assert.Contains("spec.interval", FluxStatus.ReadyMessage(stalled));
        Assert.Equal("True", FluxStatus.Condition(stalled, "Stalled")?["status"]?.GetValue<string>());
        Assert.Null(FluxStatus.ArtifactRevision(stalled));
    }

    private async Task RequestReconcileAsync(string ns, string name) =>
        await _service.Client.ReconcileAsync(new Homelab.Api.Infrastructure.V1.ReconcileRequest
        {
            Ref = new Homelab.Api.Infrastructure.V1.ObjectRef { Kind = "GitRepository", Namespace = ns, Name = name },
        });
}
