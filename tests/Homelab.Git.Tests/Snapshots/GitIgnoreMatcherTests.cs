using Homelab.Git.Snapshots;

namespace Homelab.Git.Tests.Snapshots;

public sealed class GitIgnoreMatcherTests
{
    [Theory]
    [InlineData("*.md", "README.md", false, true)]
    [InlineData("*.md", "docs/guide.md", false, true)]
    [InlineData("/docs/", "docs", true, true)]
    [InlineData("/docs/", "docs", false, false)]
    [InlineData("/docs/", "apps/docs", true, false)]
    [InlineData("docs/", "apps/docs", true, true)]
    [InlineData("apps/*.yaml", "apps/a.yaml", false, true)]
    [InlineData("apps/*.yaml", "apps/sub/a.yaml", false, false)]
    [InlineData("apps/**/*.yaml", "apps/sub/deep/a.yaml", false, true)]
    [InlineData("apps/**/*.yaml", "apps/a.yaml", false, true)]
    [InlineData("**/secret.yaml", "a/b/secret.yaml", false, true)]
    [InlineData("build/**", "build/x/y", false, true)]
    [InlineData("file?.txt", "file1.txt", false, true)]
    [InlineData("file[0-9].txt", "filex.txt", false, false)]
    [InlineData("file[!0-9].txt", "filex.txt", false, true)]
    [InlineData("\\#notcomment", "#notcomment", false, true)]
    [InlineData("# comment", "# comment", false, false)]
    public void Single_patterns(string pattern, string path, bool isDirectory, bool ignored) =>
        Assert.Equal(ignored, GitIgnoreMatcher.Parse(pattern).IsIgnored(path, isDirectory));

    [Fact]
    public void Negation_re_includes_and_the_last_match_wins()
    {
        var matcher = GitIgnoreMatcher.Parse("*.yaml\n!keep.yaml\n\n# later rules win\n/apps/keep.yaml\n");

        Assert.True(matcher.IsIgnored("a.yaml", false));
        Assert.False(matcher.IsIgnored("keep.yaml", false));
        Assert.False(matcher.IsIgnored("other/keep.yaml", false));
        Assert.True(matcher.IsIgnored("apps/keep.yaml", false));
    }

    [Fact]
    public void Flux_defaults_exclude_vcs_ci_and_images_but_not_manifests()
    {
        var defaults = GitIgnoreMatcher.FluxDefaults;

        Assert.True(defaults.IsIgnored(".github", true));
        Assert.True(defaults.IsIgnored("img/logo.png", false));
        Assert.True(defaults.IsIgnored("clusters/.sops.yaml", false));
        Assert.False(defaults.IsIgnored("apps/deploy.yaml", false));
    }

    [Fact]
    public void Extended_rules_apply_below_their_directory_relative_to_it()
    {
        var matcher = GitIgnoreMatcher.Parse("*.md").Extend("/local.yaml\n!README.md\n", "apps");

        Assert.True(matcher.IsIgnored("apps/local.yaml", false));
        Assert.False(matcher.IsIgnored("local.yaml", false));
        Assert.False(matcher.IsIgnored("apps/sub/local.yaml", false));
        Assert.False(matcher.IsIgnored("apps/README.md", false));
        Assert.True(matcher.IsIgnored("README.md", false));
    }
}
