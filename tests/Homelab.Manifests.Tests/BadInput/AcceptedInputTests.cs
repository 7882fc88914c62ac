using Homelab.Manifests.Rendering;
using Homelab.Manifests.Tests.Rendering;

namespace Homelab.Manifests.Tests.BadInput;

/// <summary>Inputs that look wrong but are deliberately not render errors.</summary>
public sealed class AcceptedInputTests
{
    private static Task<RenderResult> Render(string path) => RenderFixture.Renderer.RenderAsync(
        new RenderRequest { SourceRoot = Path.Combine(RenderFixture.TestData, "bad", "accepted"), Path = path }, CancellationToken.None);

    // Flux and Argo CD both render an empty source to zero objects; whether "nothing" may be synced
    // (and so prune everything) is a sync-time decision (Argo's allowEmpty), not a render error.
    [Theory]
    [InlineData("empty.yaml")]
    [InlineData("comment-only.yaml")]
    public async Task Empty_files_render_zero_objects(string path) => Assert.Empty((await Render(path)).Objects);

    [Fact]
    public async Task Lists_are_flattened() =>
        Assert.Equal(["from-list-1", "from-list-2"], (await Render("list.yaml")).Objects.Select(o => o.Name));

    // `replicas: "two"` is valid YAML and a valid unstructured object: the renderer is schema-free and
    // keeps it as the string it is; the API server (or the CLI's apply-time validation) rejects it.
    [Fact]
    public async Task A_wrongly_typed_field_is_kept_as_written()
    {
        var deployment = (await Render("replicas-two.yaml")).Objects.Single();
        Assert.Equal("two", deployment.GetString("spec", "replicas"));
    }

    [Fact]
    public async Task The_whole_accepted_folder_renders()
    {
        var result = await Render("");
        Assert.Equal(3, result.Objects.Count);
    }

    [Fact]
    public async Task An_empty_folder_renders_zero_objects()
    {
        using var root = new TempRoot();
        Directory.CreateDirectory(Path.Combine(root.Path, "empty"));
        var result = await RenderFixture.Renderer.RenderAsync(new RenderRequest { SourceRoot = root.Path, Path = "empty" }, CancellationToken.None);
        Assert.Empty(result.Objects);
    }
}
