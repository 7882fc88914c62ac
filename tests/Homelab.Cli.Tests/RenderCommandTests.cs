using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Cli.Tests;

/// <summary><c>homelab render</c> through the real kubectl and helm on the renderer's own fixtures.</summary>
public sealed class RenderCommandTests
{
    private static readonly string Fixtures = Path.GetFullPath(Path.Combine("TestData", "manifests"));

    private static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    private static IReadOnlyList<KubeObject> Objects(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        return YamlReader.ReadObjects(result.Output, "stdout");
    }

    [Fact]
    public async Task Kustomize_overlay_applies_prefix_namespace_images_and_patches()
    {
        var objects = Objects(await CliRunner.RunAsync("render", Fixture("kustomize", "overlays", "prod")));

        var deployment = Assert.Single(objects, o => o.Kind == "Deployment");
        Assert.Equal("prod-web", deployment.Name);
        Assert.Equal("prod", deployment.Namespace);
        Assert.Equal("ghcr.io/example/web:2.1.0", deployment.Body["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal(3L, deployment.Body["spec"]!["replicas"]!.GetValue<long>());
        Assert.Contains(objects, o => o.Kind == "Service" && o.Name == "prod-web");
    }

    [Fact]
    public async Task Helm_chart_takes_value_files_then_set_parameters()
    {
        var objects = Objects(await CliRunner.RunAsync(
            "render", Fixture("helm", "podinfo"), "--release-name", "demo", "--namespace", "apps",
            "--values", Fixture("helm", "podinfo", "values-prod.yaml"), "--set", "color=green"));

        var settings = Assert.Single(objects, o => o.Kind == "ConfigMap");
        Assert.Equal("demo-settings", settings.Name);
        Assert.Equal("apps", settings.Namespace);
        Assert.Equal("green", settings.GetString("data", "color"));
        Assert.Contains(objects, o => o.Kind == "CustomResourceDefinition");
    }

    [Fact]
    public async Task Directory_is_flat_unless_recurse_is_given()
    {
        var flat = Objects(await CliRunner.RunAsync("render", Fixture("directory", "plain")));
        var deep = Objects(await CliRunner.RunAsync("render", Fixture("directory", "plain"), "--recurse"));

        Assert.NotEmpty(flat);
        Assert.True(deep.Count > flat.Count, $"recursive render gave {deep.Count} objects, flat {flat.Count}");
        Assert.DoesNotContain(flat, o => o.Name == "d");
        Assert.Contains(deep, o => o.Name == "d");
    }

    [Fact]
    public async Task A_single_file_renders_alone()
    {
        var objects = Objects(await CliRunner.RunAsync("render", Fixture("directory", "plain", "a.yaml")));

        Assert.Equal(["a", "a2"], objects.Select(o => o.Name));
    }

    [Fact]
    public async Task Output_is_the_same_on_every_run()
    {
        var first = await CliRunner.RunAsync("render", Fixture("directory", "plain"), "--recurse");
        var second = await CliRunner.RunAsync("render", Fixture("directory", "plain"), "--recurse");

        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public async Task Substitution_replaces_variables_after_rendering()
    {
        var dir = Directory.CreateTempSubdirectory("homelab-render-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  domain: ${domain}
                  tz: ${tz:=UTC}
                  literal: $${domain}
                """);

            var settings = Assert.Single(Objects(await CliRunner.RunAsync("render", dir.FullName, "--substitute", "domain=home.example")));

            Assert.Equal("home.example", settings.GetString("data", "domain"));
            Assert.Equal("UTC", settings.GetString("data", "tz"));
            Assert.Equal("${domain}", settings.GetString("data", "literal"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    public static TheoryData<string> BadInputs()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(Path.Combine("TestData", "manifests", "bad")).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(entry) != "accepted")
            {
                data.Add(Path.GetFileName(entry));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_exits_1_with_one_line_naming_the_file(string name)
    {
        string[] extra = name switch
        {
            "values-outside" => ["--values", Fixture("outside.yaml")],
            "substitution-invalid-name.yaml" => ["--substitute", "unused=1"],
            _ => [],
        };

        var result = await CliRunner.RunAsync(["render", Fixture("bad", name), "--recurse", .. extra]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        // A values file is named itself; everything else is named by its path in the corpus.
        Assert.Contains(name == "values-outside" ? "outside.yaml" : name, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_path_exits_1()
    {
        var result = await CliRunner.RunAsync("render", Fixture("does-not-exist"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does-not-exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_set_parameter_is_refused()
    {
        var result = await CliRunner.RunAsync("render", Fixture("helm", "podinfo"), "--set", "novalue");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("key=value", result.Error, StringComparison.Ordinal);
    }
}
