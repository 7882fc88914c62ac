using System.Diagnostics;
using Homelab.Git.Fetching;
using Homelab.Git.Refs;
using Homelab.Git.Snapshots;
using Homelab.Git.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Homelab.Git.Tests.Fetching;

/// <summary>A 5,000-commit, 2,000-file history served by git daemon: first fetch, no-op checks and a one-commit update.</summary>
public sealed class LargeHistoryTests : IAsyncLifetime
{
    private const int Commits = 5_000;
    private const int Files = 2_000;
    private GitFixture _git = null!;
    private GitDaemonServer _daemon = null!;

    public async Task InitializeAsync()
    {
        _git = new GitFixture();
        HistoryGenerator.Generate(_git.Repository.BarePath, Commits, Files);
        _daemon = await GitDaemonServer.StartAsync(_git.Repository.Root);
    }

    public Task DisposeAsync()
    {
        _daemon.Dispose();
        _git.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_whole_history_is_fetched_once_then_checks_are_cheap_and_one_new_commit_is_one_small_fetch()
    {
        var source = new TrackedGitSource(_git.Client, new GitSourceRequest(_daemon.UrlFor(_git.Repository.Name), RefSelector.DefaultBranch));
        var initial = await source.RefreshAsync(CancellationToken.None);
        Assert.True(initial.Succeeded, initial.Error);
        Assert.Equal(Commits, CountCommits(initial.CacheRepositoryPath!));

        var store = new SnapshotStore(new SnapshotOptions { Directory = _git.Temp.Sub("snapshots") }, new FakeTimeProvider());
        using (var lease = await store.AcquireAsync(initial.CacheRepositoryPath!, initial.Revision!, null, CancellationToken.None))
        {
            Assert.Equal(Files, Directory.EnumerateFiles(lease.Path, "*.yaml", SearchOption.AllDirectories).Count());
        }

        var watch = Stopwatch.StartNew();
        var unchanged = await source.RefreshAsync(CancellationToken.None);
        watch.Stop();
        Assert.False(unchanged.Changed);
        Assert.Equal((2, 1), (_git.LsRemotes, _git.Fetches));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"an unchanged check took {watch.Elapsed}");

        GitCli.Run(_git.Repository.Root, "clone", "-q", _git.Repository.BarePath, _git.Repository.WorkPath + "-2");
        var work = _git.Repository.WorkPath + "-2";
        File.WriteAllText(Path.Combine(work, "apps", "new.yaml"), "n: 1\n");
        GitCli.Run(work, "add", "-A");
        GitCli.Run(work, "commit", "-q", "-m", "one more");
        GitCli.Run(work, "push", "-q", "origin", "HEAD:main");

        var moved = await source.RefreshAsync(CancellationToken.None);
        Assert.True(moved.Changed);
        Assert.False(moved.HistoryRewritten);
        Assert.Equal((3, 2), (_git.LsRemotes, _git.Fetches));
        Assert.Equal(Commits + 1, CountCommits(moved.CacheRepositoryPath!));
    }

    private static int CountCommits(string bareRepository) =>
        int.Parse(GitCli.Run(bareRepository, "rev-list", "--count", "main"), System.Globalization.CultureInfo.InvariantCulture);
}
