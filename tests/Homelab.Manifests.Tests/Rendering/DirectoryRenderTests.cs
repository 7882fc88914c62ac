using Homelab.Manifests.Rendering;

namespace Homelab.Manifests.Tests.Rendering;

public sealed class DirectoryRenderTests
{
    [Fact]
    public async Task Non_recursive_reads_yaml_yml_and_json_in_ordinal_order()
    {
        var result = await RenderFixture.RenderAsync("directory/plain");
        Assert.Equal(RenderType.Directory, result.Type);
        RenderFixture.AssertObjects("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            data: {enabled: true}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a2}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: b}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            """, result.Objects);
        Assert.Equal(["directory/plain/a.yaml:1", "directory/plain/a.yaml:8", "directory/plain/b.yml:1", "directory/plain/c.json:1"],
            result.Objects.Select(o => o.Source!.ToString()));
    }

    [Fact]
    public async Task Recursive_reads_subfolders()
    {
        var result = await RenderFixture.RenderAsync("directory/plain", directory: new DirectoryOptions { Recurse = true });
        Assert.Equal(["a", "a2", "b", "c", "d", "e", "skipped"], result.Objects.Select(o => o.Name));
    }

    [Fact]
    public async Task Include_and_exclude_follow_argo_globs()
    {
        var result = await RenderFixture.RenderAsync(
            "directory/plain",
            directory: new DirectoryOptions { Recurse = true, Include = "{*.yaml,*.yml}", Exclude = "sub/skip.yaml" });
        Assert.Equal(["a", "a2", "b", "d", "e"], result.Objects.Select(o => o.Name));

        var excludedFolder = await RenderFixture.RenderAsync("directory/plain", directory: new DirectoryOptions { Recurse = true, Exclude = "sub/deeper" });
        Assert.DoesNotContain("e", excludedFolder.Objects.Select(o => o.Name));
    }

    [Fact]
    public async Task A_single_file_path_renders_that_file()
    {
        var result = await RenderFixture.RenderAsync("directory/plain/sub/d.yaml");
        Assert.Equal("d", Assert.Single(result.Objects).Name);
    }

    [Fact]
    public async Task Flux_mode_reads_all_yaml_recursively_and_builds_nested_kustomizations()
    {
        var result = await RenderFixture.RenderAsync("flux/app", RenderType.Directory, new DirectoryOptions { Flux = true });
        RenderFixture.AssertObjects("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: grafana, namespace: monitoring}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: apps}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: sub, namespace: apps}
            """, result.Objects);
    }

    [Fact]
    public async Task Renders_are_deterministic()
    {
        var options = new DirectoryOptions { Recurse = true };
        var first = await RenderFixture.RenderAsync("directory/plain", directory: options);
        var second = await RenderFixture.RenderAsync("directory/plain", directory: options);
        Assert.Equal(first.Objects.Select(o => o.ToJson()), second.Objects.Select(o => o.ToJson()));
    }
}
