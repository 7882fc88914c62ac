using Homelab.Git.Fetching;
using Homelab.Git.Refs;
using Homelab.Git.Revisions;
using Homelab.Git.Tests.Infrastructure;

namespace Homelab.Git.Tests.Fetching;

public sealed class FileTransportTests : IDisposable
{
    private readonly GitFixture _git = new();

    public void Dispose() => _git.Dispose();

    private GitSourceRequest Request(RefSelector selector) => new(_git.Repository.FileUrl, selector);

    [Fact]
    public async Task Default_branch_comes_from_remote_HEAD_and_an_unchanged_ref_costs_one_ls_remote()
    {
        var first = _git.Repository.Commit("one", ("deploy/a.yaml", "a: 1\n"));
        _git.Repository.Push();

        var initial = await _git.Client.SyncAsync(Request(RefSelector.DefaultBranch), null, CancellationToken.None);
        Assert.Equal($"main@sha1:{first}", initial.Revision.ToString());
        Assert.True(initial.Changed);
        Assert.True(initial.Fetched);
        Assert.Equal((1, 1), (_git.LsRemotes, _git.Fetches));

        var again = await _git.Client.SyncAsync(Request(RefSelector.DefaultBranch), initial.Revision, CancellationToken.None);
        Assert.False(again.Changed);
        Assert.False(again.Fetched);
        Assert.Equal((2, 1), (_git.LsRemotes, _git.Fetches));
    }

    [Fact]
    public async Task A_pushed_commit_is_picked_up_with_one_fetch()
    {
        _git.Repository.Commit("one", ("a.yaml", "a: 1\n"));
        _git.Repository.Push();
        var selector = new GitRepositoryRef(Branch: "main").ToSelector();
        var before = await _git.Client.SyncAsync(Request(selector), null, CancellationToken.None);

        var second = _git.Repository.Commit("two", ("a.yaml", "a: 2\n"));
        _git.Repository.Push();
        var after = await _git.Client.SyncAsync(Request(selector), before.Revision, CancellationToken.None);

        Assert.Equal(second, after.Revision.Sha);
        Assert.True(after.Changed);
        Assert.True(after.Fetched);
        Assert.False(after.HistoryRewritten);
        Assert.Equal(2, _git.Fetches);
    }
}
