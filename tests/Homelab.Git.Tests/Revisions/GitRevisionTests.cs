using Homelab.Git.Revisions;

namespace Homelab.Git.Tests.Revisions;

public sealed class GitRevisionTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Theory]
    [InlineData("main", "main@sha1:" + Sha)]
    [InlineData("v1.2.0", "v1.2.0@sha1:" + Sha)]
    [InlineData("refs/pull/4/head", "refs/pull/4/head@sha1:" + Sha)]
    [InlineData(null, "sha1:" + Sha)]
    public void Formats_and_parses_like_flux(string? refName, string text)
    {
        var revision = new GitRevision(refName, Sha);

        Assert.Equal(text, revision.ToString());
        Assert.Equal(revision, GitRevision.Parse(text));
    }

    [Theory]
    [InlineData("main")]
    [InlineData("main@sha1:abc")]
    [InlineData("@sha1:" + Sha)]
    [InlineData("main/" + Sha)]
    [InlineData("main@sha256:" + Sha)]
    public void Rejects_malformed_revisions(string text)
    {
        Assert.False(GitRevision.TryParse(text, out _));
        Assert.Contains(text, Assert.Throws<FormatException>(() => GitRevision.Parse(text)).Message);
    }

    [Fact]
    public void Same_commit_ignores_the_ref_name() =>
        Assert.True(new GitRevision("main", Sha).SameCommit(new GitRevision(null, Sha.ToUpperInvariant())));
}
