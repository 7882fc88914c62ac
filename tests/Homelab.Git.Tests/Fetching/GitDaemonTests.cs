using Homelab.Git.Fetching;
using Homelab.Git.Refs;
using Homelab.Git.Tests.Infrastructure;

namespace Homelab.Git.Tests.Fetching;

/// <summary>The git:// protocol through the real git daemon.</summary>
public sealed class GitDaemonTests : IAsyncLifetime
{
    private GitFixture _git = null!;
    private GitDaemonServer _daemon = null!;

    public async Task InitializeAsync()
    {
        _git = new GitFixture();
        _git.Repository.Commit("one", ("a.yaml", "a: 1\n"));
        _git.Repository.Push();
        _daemon = await GitDaemonServer.StartAsync(_git.Repository.Root);
    }

    public Task DisposeAsync()
    {
        _daemon.Dispose();
        _git.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Branch_moves_are_picked_up_and_an_unchanged_check_does_not_fetch()
    {
        var source = new TrackedGitSource(_git.Client, new GitSourceRequest(_daemon.UrlFor(_git.Repository.Name), RefSelector.DefaultBranch));
        var first = await source.RefreshAsync(CancellationToken.None);
        Assert.True(first.Succeeded, first.Error);

        var unchanged = await source.RefreshAsync(CancellationToken.None);
        Assert.False(unchanged.Changed);
        Assert.Equal(1, _git.Fetches);

        var pushed = _git.Repository.Commit("two", ("a.yaml", "a: 2\n"));
        _git.Repository.Push();
        var moved = await source.RefreshAsync(CancellationToken.None);

        Assert.True(moved.Changed);
        Assert.Equal($"main@sha1:{pushed}", moved.Revision!.ToString());
        Assert.Equal((3, 2), (_git.LsRemotes, _git.Fetches));
    }

    [Fact]
    public async Task A_killed_daemon_is_a_transport_error_and_the_last_good_revision_stays()
    {
        var source = new TrackedGitSource(_git.Client, new GitSourceRequest(_daemon.UrlFor(_git.Repository.Name), RefSelector.DefaultBranch));
        var good = await source.RefreshAsync(CancellationToken.None);

        _daemon.Kill();
        var status = await source.RefreshAsync(CancellationToken.None);

        Assert.Equal(GitFailureReason.Transport, status.FailureReason);
        Assert.Equal(good.Revision, status.Revision);
    }
}
