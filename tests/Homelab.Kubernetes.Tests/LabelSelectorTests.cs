using Homelab.Kubernetes.Caching;

namespace Homelab.Kubernetes.Tests;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front", ["homelab.dev/tracked"] = "yes" };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app=db", false)]
    [InlineData("app!=db", true)]
    [InlineData("missing!=x", true)]
    [InlineData("homelab.dev/tracked", true)]
    [InlineData("!homelab.dev/tracked", false)]
    [InlineData("!missing", true)]
    [InlineData("tier in (front, back)", true)]
    [InlineData("tier in (back)", false)]
    [InlineData("tier notin (back)", true)]
    [InlineData("missing notin (back)", true)]
    [InlineData("app=web,tier in (front,back),!missing", true)]
    [InlineData("app=web,tier=back", false)]
    public void Matches_like_the_api_server(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("tier in front")]
    [InlineData("a b")]
    public void Malformed_selectors_are_refused_with_the_text(string selector)
    {
        var error = Assert.Throws<FormatException>(() => LabelSelector.Parse(selector));
        Assert.Contains(selector.Split(' ')[0], error.Message, StringComparison.Ordinal);
    }
}
