using Homelab.Manifests.Tools;

namespace Homelab.Cli.Tests;

/// <summary>The built <c>homelab</c> executable as a user runs it: real process, real exit codes and streams.</summary>
public sealed class ProcessTests
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "homelab.dll");

    [Fact]
    public async Task Version_exits_0()
    {
        var result = await ProcessRunner.RunAsync("dotnet", [Cli, "version"], timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("homelab ", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reads_standard_input()
    {
        const string Pvc = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: media}\nstatus: {phase: Bound}\n";

        var result = await ProcessRunner.RunAsync("dotnet", [Cli, "health", "-f", "-"], standardInput: Pvc, timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("PersistentVolumeClaim/media/data\tHealthy\t", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_exits_1_on_standard_error()
    {
        var result = await ProcessRunner.RunAsync("dotnet", [Cli, "health", "-f", "-"], standardInput: "kind: [", timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.StartsWith("error: <stdin>", result.StandardError, StringComparison.Ordinal);
    }
}
