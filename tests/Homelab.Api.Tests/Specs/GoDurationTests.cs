using Homelab.Api.Specs;

namespace Homelab.Api.Tests.Specs;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("1m30s", 90_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2h45m10s", 9_910_000)]
    [InlineData("0", 0)]
    [InlineData("1000us", 1)]
    [InlineData("-5s", -5_000)]
    public void ParsesGoSyntax(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GoDuration.Parse(text).Value);

    [Theory]
    [InlineData("60")]
    [InlineData("")]
    [InlineData("5 m")]
    [InlineData("5min")]
    [InlineData("m")]
    [InlineData("1d")]
    [InlineData("1..5s")]
    public void RefusesWhatGoRefuses(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var error));
        Assert.Contains("Go syntax", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10m", "10m0s")]
    [InlineData("1h30m", "1h30m0s")]
    [InlineData("90s", "1m30s")]
    [InlineData("500ms", "500ms")]
    [InlineData("0", "0s")]
    [InlineData("1.5s", "1.5s")]
    public void FormatsAsGoDoes(string text, string expected) =>
        Assert.Equal(expected, GoDuration.Parse(text).ToString());
}
