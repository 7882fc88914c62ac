using System.Text.Json.Nodes;

namespace Homelab.Cli.Tests;

public sealed class HealthCommandTests
{
    private const string Objects = "TestData/health/objects.yaml";

    [Fact]
    public async Task Prints_one_tab_separated_line_per_object()
    {
        var result = await CliRunner.RunAsync("health", "-f", Objects);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("Deployment/media/plex\tHealthy\t", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Deployment/arr/sonarr\tProgressing\t", lines[1], StringComparison.Ordinal);
        Assert.Contains("generation", lines[1], StringComparison.Ordinal);
        Assert.Equal("ConfigMap/media/settings\tNone\t", lines[2]);
        Assert.StartsWith("PersistentVolumeClaim/media/media-library\tDegraded\t", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("Kustomization/flux-system/infra-controllers\tSuspended\t", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_an_array_of_objects()
    {
        var result = await CliRunner.RunAsync("health", "-f", Objects, "-o", "json");

        Assert.Equal(0, result.ExitCode);
        var array = JsonNode.Parse(result.Output)!.AsArray();
        Assert.Equal(5, array.Count);
        Assert.Equal("Deployment", (string?)array[0]!["kind"]);
        Assert.Equal("media", (string?)array[0]!["namespace"]);
        Assert.Equal("plex", (string?)array[0]!["name"]);
        Assert.Equal("Healthy", (string?)array[0]!["status"]);
        Assert.Equal("None", (string?)array[2]!["status"]);
        Assert.Equal("", (string?)array[2]!["message"]);
    }

    [Fact]
    public async Task Cluster_scoped_objects_have_an_empty_namespace()
    {
        var file = Path.Combine(Path.GetTempPath(), $"homelab-health-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            status:
              conditions:
              - type: Established
                status: "True"
            """);
        try
        {
            var result = await CliRunner.RunAsync("health", "-f", file);

            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith("CustomResourceDefinition//widgets.example.com\tHealthy\t", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("TestData/health/does-not-exist.yaml")]
    [InlineData("TestData/health")]
    public async Task Unreadable_input_exits_1_naming_the_file(string path)
    {
        var result = await CliRunner.RunAsync("health", "-f", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Malformed_yaml_exits_1_naming_the_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"homelab-health-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: [unclosed\n");
        try
        {
            var result = await CliRunner.RunAsync("health", "-f", file);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(Path.GetFileName(file), result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
