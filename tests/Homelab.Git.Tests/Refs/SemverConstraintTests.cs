using Homelab.Git.Refs;
using NuGet.Versioning;

namespace Homelab.Git.Tests.Refs;

public sealed class SemverConstraintTests
{
    [Theory]
    [InlineData(">=1.0.0 <2.0.0", "1.0.0", true)]
    [InlineData(">=1.0.0 <2.0.0", "1.9.9", true)]
    [InlineData(">=1.0.0 <2.0.0", "2.0.0", false)]
    [InlineData(">=1.0.0, <2.0.0", "1.5.0", true)]
    [InlineData(">= 1.0.0", "1.0.0", true)]
    [InlineData("~1.2", "1.2.9", true)]
    [InlineData("~1.2", "1.3.0", false)]
    [InlineData("~1.2.3", "1.2.2", false)]
    [InlineData("~1", "1.9.0", true)]
    [InlineData("^1.0", "1.9.0", true)]
    [InlineData("^1.0", "2.0.0", false)]
    [InlineData("^0.2.3", "0.2.9", true)]
    [InlineData("^0.2.3", "0.3.0", false)]
    [InlineData("^0.0.3", "0.0.4", false)]
    [InlineData("1.2.x", "1.2.7", true)]
    [InlineData("1.2.x", "1.3.0", false)]
    [InlineData("1.2", "1.2.5", true)]
    [InlineData("*", "9.9.9", true)]
    [InlineData(">1.2", "1.2.9", false)]
    [InlineData(">1.2", "1.3.0", true)]
    [InlineData("<=1.2", "1.2.9", true)]
    [InlineData("<=1.2", "1.3.0", false)]
    [InlineData("1.2 - 1.4.5", "1.4.5", true)]
    [InlineData("1.2 - 1.4.5", "1.4.6", false)]
    [InlineData("1.2 - 1.4", "1.4.9", true)]
    [InlineData("<1.0.0 || >=3.0.0", "3.1.0", true)]
    [InlineData("<1.0.0 || >=3.0.0", "2.0.0", false)]
    [InlineData("!=1.1.0", "1.1.0", false)]
    [InlineData(">=1.0.0", "1.5.0-rc.1", false)]
    [InlineData(">=1.0.0-0", "1.5.0-rc.1", true)]
    [InlineData("1.2.3", "1.2.3", true)]
    public void Matches_like_masterminds(string constraint, string version, bool expected)
    {
        Assert.Equal(expected, SemverConstraint.Parse(constraint).IsSatisfiedBy(NuGetVersion.Parse(version)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("main")]
    [InlineData(">=banana")]
    [InlineData("1.2.3.4")]
    [InlineData("%1.0")]
    public void Invalid_ranges_are_rejected_with_the_range_in_the_message(string constraint)
    {
        var error = Assert.Throws<Homelab.Git.GitSourceException>(() => SemverConstraint.Parse(constraint));

        Assert.Equal(Homelab.Git.GitFailureReason.InvalidReference, error.Reason);
        Assert.Contains($"'{constraint}'", error.Message);
    }

    [Theory]
    [InlineData("v1.2.3", true)]
    [InlineData("1.2.3", true)]
    [InlineData("v1.2.3-rc.1", true)]
    [InlineData("release-1", false)]
    [InlineData("1.2.3.4", false)]
    public void Tags_parse_as_versions_with_an_optional_v(string tag, bool parses)
    {
        Assert.Equal(parses, SemverConstraint.TryParseTagVersion(tag, out _));
    }
}
