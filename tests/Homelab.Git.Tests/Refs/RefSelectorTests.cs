using Homelab.Git.Refs;

namespace Homelab.Git.Tests.Refs;

public sealed class RefSelectorTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void Flux_ref_without_fields_means_the_default_branch() =>
        Assert.Equal(RefSelector.DefaultBranch, new GitRepositoryRef().ToSelector());

    [Fact]
    public void Flux_commit_keeps_its_branch_to_fetch_through() =>
        Assert.Equal(new RefSelector(RefKind.Commit, Sha, "main"), new GitRepositoryRef(Branch: "main", Commit: Sha.ToUpperInvariant()).ToSelector());

    [Theory]
    [InlineData("abc")]
    [InlineData("zz23456789abcdef0123456789abcdef01234567")]
    public void Flux_commit_must_be_a_full_sha(string commit)
    {
        var error = Assert.Throws<Homelab.Git.GitSourceException>(() => new GitRepositoryRef(Commit: commit).ToSelector());
        Assert.Contains(commit, error.Message);
    }

    [Fact]
    public void Flux_name_must_be_a_full_ref()
    {
        var error = Assert.Throws<Homelab.Git.GitSourceException>(() => new GitRepositoryRef(Name: "main").ToSelector());
        Assert.Contains("refs/", error.Message);
    }

    [Theory]
    [InlineData(null, RefKind.DefaultBranch, "")]
    [InlineData("HEAD", RefKind.DefaultBranch, "")]
    [InlineData("main", RefKind.BranchOrTag, "main")]
    [InlineData("v1.2.3", RefKind.BranchOrTag, "v1.2.3")]
    [InlineData("1.2.3", RefKind.BranchOrTag, "1.2.3")]
    [InlineData("1.2.*", RefKind.SemVer, "1.2.*")]
    [InlineData(">=1.0.0", RefKind.SemVer, ">=1.0.0")]
    [InlineData("refs/pull/1/head", RefKind.Name, "refs/pull/1/head")]
    [InlineData(Sha, RefKind.Commit, Sha)]
    public void Argo_target_revision_kinds(string? text, RefKind kind, string value)
    {
        var selector = ArgoTargetRevision.ToSelector(text);

        Assert.Equal(kind, selector.Kind);
        Assert.Equal(value, selector.Value);
    }

    [Fact]
    public void Default_branch_falls_back_to_the_branch_at_HEADs_commit_when_no_symref_is_advertised()
    {
        var refs = new RemoteRefs(
            [new RemoteRef("HEAD", Sha), new RemoteRef("refs/heads/develop", Sha), new RemoteRef("refs/heads/main", Sha), new RemoteRef("refs/heads/old", new string('1', 40))],
            headTarget: null);

        Assert.Equal("main", RefResolver.Resolve(RefSelector.DefaultBranch, refs).DisplayName);
    }

    [Fact]
    public void Peeled_tag_entries_give_the_commit_behind_an_annotated_tag()
    {
        var refs = RemoteRefs.FromAdvertisement([("refs/tags/v1", new string('1', 40)), ("refs/tags/v1^{}", Sha)], null);

        Assert.Equal(Sha, refs.FindTag("v1")!.CommitSha);
    }
}
