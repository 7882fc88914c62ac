using System.Runtime.Versioning;
using Homelab.Git.Fetching;
using Homelab.Git.Refs;
using Homelab.Git.Snapshots;
using Homelab.Git.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Homelab.Git.Tests.Snapshots;

// File modes and symlinks are checked the POSIX way.
[SupportedOSPlatform("linux")]
public sealed class SnapshotStoreTests : IDisposable
{
    private readonly GitFixture _git = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _git.Dispose();

    private SnapshotStore NewStore(long budget = 1L << 30) =>
        new(new SnapshotOptions { Directory = _git.Temp.Sub("snapshots"), DiskBudgetBytes = budget }, _time);

    private async Task<GitSyncResult> CommitAndSync(params (string Path, string Content)[] files)
    {
        _git.Repository.Commit("change", files);
        _git.Repository.Push();
        return await _git.Client.SyncAsync(new GitSourceRequest(_git.Repository.FileUrl, RefSelector.DefaultBranch), null, CancellationToken.None);
    }

    private static string[] Files(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public async Task A_snapshot_is_the_tree_at_the_commit_read_only_without_git_metadata()
    {
        var script = Path.Combine(_git.Repository.WorkPath, "run.sh");
        File.WriteAllText(script, "#!/bin/sh\n");
        File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute);
        var sync = await CommitAndSync(("apps/a.yaml", "a: 1\n"));
        var store = NewStore();

        using var lease = await store.AcquireAsync(sync.CacheRepositoryPath, sync.Revision, ignore: "", CancellationToken.None);

        Assert.Equal(["apps", "apps/a.yaml", "run.sh"], Files(lease.Path));
        Assert.Equal("a: 1\n", File.ReadAllText(Path.Combine(lease.Path, "apps/a.yaml")));
        Assert.False(Directory.Exists(Path.Combine(lease.Path, ".git")));
        // Tests may run as root, which ignores permissions, so check the modes rather than a failed write.
        const UnixFileMode anyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        Assert.All(Directory.EnumerateFileSystemEntries(lease.Path, "*", SearchOption.AllDirectories).Append(lease.Path), path =>
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(path) & anyWrite));
        Assert.True(File.GetUnixFileMode(Path.Combine(lease.Path, "run.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(Path.Combine(lease.Path, "apps/a.yaml")).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal(sync.Revision, lease.Revision);
    }

    [Fact]
    public async Task Ignore_rules_in_gitignore_syntax_are_honoured_and_default_to_fluxs_exclusions()
    {
        var sync = await CommitAndSync(
            ("apps/a.yaml", "a: 1\n"),
            ("apps/secret.enc.yaml", "s: 1\n"),
            ("docs/readme.md", "# docs\n"),
            ("logo.png", "png"),
            (".github/workflows/ci.yaml", "on: push\n"));
        var store = NewStore();

        using var custom = await store.AcquireAsync(sync.CacheRepositoryPath, sync.Revision, "/docs/\n*.enc.yaml\n", CancellationToken.None);
        using var defaults = await store.AcquireAsync(sync.CacheRepositoryPath, sync.Revision, ignore: null, CancellationToken.None);

        Assert.Equal([".github", ".github/workflows", ".github/workflows/ci.yaml", "apps", "apps/a.yaml", "logo.png"], Files(custom.Path));
        Assert.Equal(["apps", "apps/a.yaml", "apps/secret.enc.yaml", "docs", "docs/readme.md"], Files(defaults.Path));
    }

    [Fact]
    public async Task Sourceignore_files_are_honoured_in_their_own_directory()
    {
        var sync = await CommitAndSync(
            (".sourceignore", "*.txt\n"),
            ("notes.txt", "root\n"),
            ("apps/.sourceignore", "/local/\n"),
            ("apps/local/x.yaml", "x: 1\n"),
            ("apps/a.yaml", "a: 1\n"),
            ("other/local/y.yaml", "y: 1\n"));
        var store = NewStore();

        using var lease = await store.AcquireAsync(sync.CacheRepositoryPath, sync.Revision, ignore: "", CancellationToken.None);

        Assert.Equal([".sourceignore", "apps", "apps/.sourceignore", "apps/a.yaml", "other", "other/local", "other/local/y.yaml"], Files(lease.Path));
    }

    [Fact]
    public async Task Readers_of_one_revision_share_one_tree()
    {
        var sync = await CommitAndSync(("a.yaml", "a: 1\n"));
        var store = NewStore();

        var leases = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.AcquireAsync(sync.CacheRepositoryPath, sync.Revision, null, CancellationToken.None)));

        Assert.Single(leases.Select(l => l.Path).Distinct());
        Assert.Equal(1, store.Count);
        foreach (var lease in leases)
        {
            lease.Dispose();
        }
    }

    [Fact]
    public async Task Unleased_snapshots_are_evicted_least_recently_used_first_beyond_the_disk_budget()
    {
        var content = new string('x', 10_000);
        var first = await CommitAndSync(("a.yaml", content + "1"));
        var second = await CommitAndSync(("a.yaml", content + "2"));
        var third = await CommitAndSync(("a.yaml", content + "3"));
        var store = NewStore(budget: 25_000);

        var leaseFirst = await store.AcquireAsync(first.CacheRepositoryPath, first.Revision, null, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var leaseSecond = await store.AcquireAsync(second.CacheRepositoryPath, second.Revision, null, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        leaseSecond.Dispose();
        _time.Advance(TimeSpan.FromMinutes(1));
        leaseFirst.Dispose();
        Assert.Equal(2, store.Count);

        using var leaseThird = await store.AcquireAsync(third.CacheRepositoryPath, third.Revision, null, CancellationToken.None);

        Assert.Equal(2, store.Count);
        Assert.False(Directory.Exists(leaseSecond.Path), "the least recently used snapshot should be gone");
        Assert.True(Directory.Exists(leaseFirst.Path));
        Assert.True(Directory.Exists(leaseThird.Path));
        Assert.InRange(store.TotalBytes, 0, 25_000);
    }

    [Fact]
    public async Task A_leased_snapshot_is_never_evicted()
    {
        var sync = await CommitAndSync(("a.yaml", new string('x', 10_000)));
        var store = NewStore(budget: 1);

        using var lease = await store.AcquireAsync(sync.CacheRepositoryPath, sync.Revision, null, CancellationToken.None);
        using (await store.AcquireAsync(sync.CacheRepositoryPath, sync.Revision, null, CancellationToken.None))
        {
        }

        Assert.True(File.Exists(Path.Combine(lease.Path, "a.yaml")));
    }

    [Fact]
    public async Task A_symlink_pointing_outside_the_repository_is_refused_with_a_clear_error()
    {
        File.CreateSymbolicLink(Path.Combine(_git.Repository.WorkPath, "passwd"), "/etc/passwd");
        Directory.CreateDirectory(Path.Combine(_git.Repository.WorkPath, "apps"));
        File.CreateSymbolicLink(Path.Combine(_git.Repository.WorkPath, "apps", "up"), "../../outside");
        var sync = await CommitAndSync(("apps/a.yaml", "a: 1\n"));
        var store = NewStore();

        var error = await Assert.ThrowsAsync<GitSourceException>(() => store.AcquireAsync(sync.CacheRepositoryPath, sync.Revision, null, CancellationToken.None));

        Assert.Equal(GitFailureReason.UnsafeContent, error.Reason);
        Assert.Matches("symlink '(passwd|apps/up)' points outside the repository", error.Message);
        Assert.Equal(0, store.Count);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_git.Temp.Sub("snapshots")));
    }

    [Fact]
    public async Task A_symlink_inside_the_repository_is_kept()
    {
        Directory.CreateDirectory(Path.Combine(_git.Repository.WorkPath, "overlays"));
        File.CreateSymbolicLink(Path.Combine(_git.Repository.WorkPath, "overlays", "base.yaml"), "../base/a.yaml");
        var sync = await CommitAndSync(("base/a.yaml", "a: 1\n"));
        var store = NewStore();

        using var lease = await store.AcquireAsync(sync.CacheRepositoryPath, sync.Revision, null, CancellationToken.None);

        Assert.Equal("a: 1\n", File.ReadAllText(Path.Combine(lease.Path, "overlays", "base.yaml")));
    }
}
