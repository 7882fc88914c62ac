using Homelab.Git.Fetching;
using Homelab.Git.Refs;
using Homelab.Git.Tests.Infrastructure;

namespace Homelab.Git.Tests.Fetching;

/// <summary>Tags, semver ranges, commit pinning and Argo targetRevision against a real repository over file://.</summary>
public sealed class RefResolutionTests(TaggedRepository tagged) : IClassFixture<TaggedRepository>, IDisposable
{
    private readonly GitFixture _git = new(repository: tagged.Repository);
    private readonly string _v100 = tagged.V100;
    private readonly string _v110 = tagged.V110;
    private readonly string _v200 = tagged.V200;
    private readonly string _head = tagged.Head;

    public void Dispose() => _git.Dispose();

    private Task<GitSyncResult> Sync(RefSelector selector) =>
        _git.Client.SyncAsync(new GitSourceRequest(_git.Repository.FileUrl, selector), null, CancellationToken.None);

    [Fact]
    public async Task Tag_resolves_lightweight_and_annotated_tags_to_their_commit()
    {
        var light = await Sync(new GitRepositoryRef(Tag: "v1.0.0").ToSelector());
        var annotated = await Sync(new GitRepositoryRef(Tag: "v1.1.0").ToSelector());

        Assert.Equal($"v1.0.0@sha1:{_v100}", light.Revision.ToString());
        Assert.Equal($"v1.1.0@sha1:{_v110}", annotated.Revision.ToString());
    }

    [Theory]
    [InlineData(">=1.0.0 <2.0.0", "v1.1.0")]
    [InlineData("~1.0", "v1.0.0")]
    [InlineData("^1.0", "v1.1.0")]
    [InlineData("1.x", "v1.1.0")]
    [InlineData("*", "2.0.0")]
    [InlineData(">=1.2.0-0 <2.0.0", "v1.2.0-rc.1")]
    public async Task Semver_picks_the_highest_matching_tag(string range, string expectedTag)
    {
        var result = await Sync(new GitRepositoryRef(SemVer: range).ToSelector());

        Assert.Equal(expectedTag, result.Revision.RefName);
    }

    [Fact]
    public async Task Semver_without_a_match_fails_with_ref_not_found()
    {
        var error = await Assert.ThrowsAsync<GitSourceException>(() => Sync(new GitRepositoryRef(SemVer: ">=3.0.0").ToSelector()));

        Assert.Equal(GitFailureReason.RefNotFound, error.Reason);
        Assert.Contains(">=3.0.0", error.Message);
    }

    [Fact]
    public async Task Flux_precedence_commit_over_name_over_semver_over_tag_over_branch()
    {
        var all = new GitRepositoryRef(Branch: "main", Tag: "v1.0.0", SemVer: "^1.0", Name: "refs/tags/2.0.0", Commit: _v100);
        var noCommit = all with { Commit = null };
        var noName = noCommit with { Name = null };
        var noSemver = noName with { SemVer = null };
        var branchOnly = noSemver with { Tag = null };

        Assert.Equal($"main@sha1:{_v100}", (await Sync(all.ToSelector())).Revision.ToString());
        Assert.Equal($"refs/tags/2.0.0@sha1:{_v200}", (await Sync(noCommit.ToSelector())).Revision.ToString());
        Assert.Equal($"v1.1.0@sha1:{_v110}", (await Sync(noName.ToSelector())).Revision.ToString());
        Assert.Equal($"v1.0.0@sha1:{_v100}", (await Sync(noSemver.ToSelector())).Revision.ToString());
        Assert.Equal($"main@sha1:{_head}", (await Sync(branchOnly.ToSelector())).Revision.ToString());
    }

    [Fact]
    public async Task A_pinned_commit_alone_gives_a_bare_sha1_revision_and_costs_nothing_once_cached()
    {
        var first = await Sync(new GitRepositoryRef(Commit: _v110).ToSelector());
        Assert.Equal($"sha1:{_v110}", first.Revision.ToString());
        var costBefore = (_git.LsRemotes, _git.Fetches);

        var second = await _git.Client.SyncAsync(new GitSourceRequest(_git.Repository.FileUrl, new GitRepositoryRef(Commit: _v110).ToSelector()), first.Revision, CancellationToken.None);

        Assert.False(second.Changed);
        Assert.Equal(costBefore, (_git.LsRemotes, _git.Fetches));
    }

    [Fact]
    public async Task A_pinned_commit_that_does_not_exist_is_reported()
    {
        var missing = new string('a', 40);

        var error = await Assert.ThrowsAsync<GitSourceException>(() => Sync(new GitRepositoryRef(Commit: missing).ToSelector()));

        Assert.Equal(GitFailureReason.RefNotFound, error.Reason);
        Assert.Contains(missing, error.Message);
    }

    [Theory]
    [InlineData("HEAD", "main")]
    [InlineData("", "main")]
    [InlineData("main", "main")]
    [InlineData("v1.0.0", "v1.0.0")]
    [InlineData("2.0.0", "2.0.0")]
    [InlineData("~1.1", "v1.1.0")]
    public async Task Argo_target_revision_resolves_branches_tags_ranges_and_HEAD(string targetRevision, string expectedName)
    {
        var result = await Sync(ArgoTargetRevision.ToSelector(targetRevision));

        Assert.Equal(expectedName, result.Revision.RefName);
    }

    [Fact]
    public async Task Argo_target_revision_accepts_a_commit_sha()
    {
        var result = await Sync(ArgoTargetRevision.ToSelector(_v200));

        Assert.Equal(_v200, result.Revision.Sha);
        Assert.Null(result.Revision.RefName);
    }

    [Fact]
    public async Task A_missing_branch_is_ref_not_found()
    {
        var error = await Assert.ThrowsAsync<GitSourceException>(() => Sync(new RefSelector(RefKind.Branch, "nope")));

        Assert.Equal(GitFailureReason.RefNotFound, error.Reason);
        Assert.Equal("branch 'nope' not found", error.Message);
    }
}

/// <summary>One repository with lightweight, annotated, pre-release and non-semver tags, shared by the class.</summary>
public sealed class TaggedRepository : IDisposable
{
    private readonly TempDirectory _temp = new();

    public TaggedRepository()
    {
        Repository = new TestRepository(_temp.Sub("served"));
        var repo = Repository;
        V100 = repo.Commit("1.0.0", ("app.yaml", "v: 1.0.0\n"));
        repo.Tag("v1.0.0");
        V110 = repo.Commit("1.1.0", ("app.yaml", "v: 1.1.0\n"));
        repo.Tag("v1.1.0", annotated: true);
        repo.Commit("1.2.0-rc.1", ("app.yaml", "v: 1.2.0-rc.1\n"));
        repo.Tag("v1.2.0-rc.1");
        V200 = repo.Commit("2.0.0", ("app.yaml", "v: 2.0.0\n"));
        repo.Tag("2.0.0");
        repo.Tag("not-a-version");
        Head = repo.Commit("head", ("app.yaml", "v: head\n"));
        repo.Push();
    }

    public TestRepository Repository { get; }

    public string V100 { get; }

    public string V110 { get; }

    public string V200 { get; }

    public string Head { get; }

    public void Dispose() => _temp.Dispose();
}
