namespace Homelab.Cli.Tests;

public sealed class VersionCommandTests
{
    [Fact]
    public async Task Prints_the_version()
    {
        var result = await CliRunner.RunAsync("version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^homelab \d+\.\d+\.\d+", result.Output);
    }

    [Fact]
    public async Task Unknown_command_fails_with_usage()
    {
        var result = await CliRunner.RunAsync("frobnicate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.Error, StringComparison.Ordinal);
    }
}
