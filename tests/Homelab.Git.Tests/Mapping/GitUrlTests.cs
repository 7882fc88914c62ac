using Homelab.Git.Mapping;

namespace Homelab.Git.Tests.Mapping;

public sealed class GitUrlTests
{
    [Theory]
    [InlineData("https://github.com/Org/repo", "https://github.com/Org/repo.git")]
    [InlineData("https://GitHub.com/Org/repo/", "git@github.com:Org/repo.git")]
    [InlineData("ssh://git@github.com/Org/repo.git", "https://user@github.com/Org/repo")]
    public void Same_repository_in_different_spellings(string a, string b) => Assert.Equal(GitUrl.Key(a), GitUrl.Key(b));

    [Theory]
    [InlineData("https://github.com/Org/repo", "https://github.com/org/repo")]
    [InlineData("https://github.com/Org/repo", "https://gitlab.com/Org/repo")]
    [InlineData("https://git.local:8443/r", "https://git.local/r")]
    public void Different_repositories(string a, string b) => Assert.NotEqual(GitUrl.Key(a), GitUrl.Key(b));

    [Fact]
    public void Scrub_removes_userinfo_everywhere()
    {
        Assert.Equal("https://github.com/o/r", GitUrl.Scrub("https://user:pw@github.com/o/r"));
        Assert.Equal("failed for https://host/r and http://x/y: token abc", GitUrl.ScrubText("failed for https://u:p@host/r and http://tok@x/y: token abc", []));
        Assert.Equal("token ***", GitUrl.ScrubText("token abc", ["abc"]));
    }

    [Fact]
    public void Mapper_rewrites_only_mapped_repositories()
    {
        var mapper = new RepositoryUrlMapper([new UrlMapping { From = "https://github.com/me/homelab.git", To = "file:///work/main" }]);

        Assert.Equal("file:///work/main", mapper.Map("https://github.com/me/homelab"));
        Assert.Equal("git@github.com:me/other.git", mapper.Map("git@github.com:me/other.git"));
        Assert.True(mapper.IsMapped("git@github.com:me/homelab.git"));
    }

    [Fact]
    public void Mapper_rejects_a_repository_mapped_twice()
    {
        var error = Assert.Throws<ArgumentException>(() => new RepositoryUrlMapper(
        [
            new UrlMapping { From = "https://github.com/me/homelab", To = "file:///a" },
            new UrlMapping { From = "https://github.com/me/homelab.git", To = "file:///b" },
        ]));

        Assert.Contains("mapped twice", error.Message);
    }
}
