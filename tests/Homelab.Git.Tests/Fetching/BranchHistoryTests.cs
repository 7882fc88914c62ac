using Homelab.Git.Fetching;
using Homelab.Git.Refs;
using Homelab.Git.Tests.Infrastructure;

namespace Homelab.Git.Tests.Fetching;

/// <summary>Force-pushes, deleted branches and URL mapping, as a tracked source sees them.</summary>
public sealed class BranchHistoryTests : IDisposable
{
    private readonly GitFixture _git = new();

    public void Dispose() => _git.Dispose();

    private TrackedGitSource Track(string branch) =>
        new(_git.Client, new GitSourceRequest(_git.Repository.FileUrl, new RefSelector(RefKind.Branch, branch)));

    [Fact]
    public async Task A_force_pushed_branch_is_followed_and_flagged_as_rewritten()
    {
        var repo = _git.Repository;
        var baseCommit = repo.Commit("base", ("a.yaml", "a: 1\n"));
        repo.Commit("doomed", ("a.yaml", "a: 2\n"));
        repo.Push();
        var source = Track("main");
        await source.RefreshAsync(CancellationToken.None);

        repo.ResetHard(baseCommit);
        var rewritten = repo.Commit("rewritten", ("a.yaml", "a: 3\n"));
        repo.Push(force: true);
        var status = await source.RefreshAsync(CancellationToken.None);

        Assert.True(status.Succeeded);
        Assert.True(status.HistoryRewritten);
        Assert.Equal(rewritten, status.Revision!.Sha);

        var fastForward = repo.Commit("next", ("a.yaml", "a: 4\n"));
        repo.Push();
        var next = await source.RefreshAsync(CancellationToken.None);
        Assert.False(next.HistoryRewritten);
        Assert.Equal(fastForward, next.Revision!.Sha);
    }

    [Fact]
    public async Task A_deleted_branch_keeps_the_last_good_revision_and_reports_the_error()
    {
        var repo = _git.Repository;
        repo.Commit("main", ("a.yaml", "a: 1\n"));
        repo.Push();
        repo.Checkout("feature", create: true);
        var feature = repo.Commit("feature", ("b.yaml", "b: 1\n"));
        repo.Push("feature");
        var source = Track("feature");
        var good = await source.RefreshAsync(CancellationToken.None);

        repo.DeleteRemoteBranch("feature");
        var status = await source.RefreshAsync(CancellationToken.None);

        Assert.False(status.Succeeded);
        Assert.Equal(GitFailureReason.RefNotFound, status.FailureReason);
        Assert.Equal("branch 'feature' not found", status.Error);
        Assert.Equal(good.Revision, status.Revision);
        Assert.Equal($"feature@sha1:{feature}", source.LastGoodRevision!.ToString());
        Assert.False(status.Changed);
    }

    [Fact]
    public async Task A_commit_pinned_through_a_branch_is_not_fetched_again_when_the_branch_moves()
    {
        var repo = _git.Repository;
        var pinned = repo.Commit("pinned", ("a.yaml", "a: 1\n"));
        repo.Push();
        var request = new GitSourceRequest(repo.FileUrl, new GitRepositoryRef(Branch: "main", Commit: pinned).ToSelector());
        var first = await _git.Client.SyncAsync(request, null, CancellationToken.None);

        repo.Commit("later", ("a.yaml", "a: 2\n"));
        repo.Push();
        var second = await _git.Client.SyncAsync(request, first.Revision, CancellationToken.None);

        Assert.Equal($"main@sha1:{pinned}", second.Revision.ToString());
        Assert.False(second.Changed);
        Assert.Equal(1, _git.Fetches);
    }

    [Fact]
    public async Task A_mapped_canonical_url_is_fetched_from_its_local_target()
    {
        var repo = _git.Repository;
        var head = repo.Commit("one", ("a.yaml", "a: 1\n"));
        repo.Push();
        var options = new GitSourceOptions
        {
            CacheDirectory = _git.Temp.Sub("mapped-cache"),
            UrlMappings = [new() { From = "https://github.com/example/homelab.git", To = repo.FileUrl }],
        };
        using var client = new GitSourceClient(options, TimeProvider.System);

        var result = await client.SyncAsync(new GitSourceRequest("https://github.com/example/homelab", RefSelector.DefaultBranch), null, CancellationToken.None);

        Assert.Equal(head, result.Revision.Sha);
    }

    [Fact]
    public async Task Ssh_urls_without_an_ssh_key_fail_clearly_before_any_remote_call()
    {
        var error = await Assert.ThrowsAsync<GitSourceException>(() =>
            _git.Client.SyncAsync(new GitSourceRequest("git@github.com:example/homelab.git", RefSelector.DefaultBranch), null, CancellationToken.None));

        Assert.Equal(GitFailureReason.AuthenticationFailed, error.Reason);
        Assert.Contains("an SSH URL needs an SSH private key", error.Message);
        Assert.Equal(0, _git.LsRemotes);
    }
}
