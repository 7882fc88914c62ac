using Homelab.Example.Tests.Model;

namespace Homelab.Example.Tests;

/// <summary>Nothing floats: every image in every rendered object is pinned.</summary>
[Collection(ExampleHomelabCollection.Name)]
public sealed class ImageTests(ExampleHomelabFixture fixture)
{
    [Fact]
    public void Every_rendered_image_is_pinned_to_a_tag_that_is_not_latest()
    {
        var images = fixture.Homelab.AllRenders
            .SelectMany(r => r.Objects.SelectMany(o => ContainerImages.Of(o).Select(i => (Where: $"{r}: {o.Id}", Image: i))))
            .ToList();

        Assert.True(images.Count >= 15, $"only {images.Count} images found: the scan missed workloads");
        var problems = images.Select(i => (i.Where, i.Image, Problem: ContainerImages.Problem(i.Image))).Where(i => i.Problem is not null)
            .Select(i => $"{i.Where}: '{i.Image}' {i.Problem}").ToList();
        Assert.Empty(problems);
        Assert.Contains(images, i => i.Image == "busybox:1.37.0");
    }

    [Theory]
    [InlineData("nginx", "no tag (means :latest)")]
    [InlineData("lscr.io/linuxserver/sonarr:latest", ":latest")]
    [InlineData("registry:5000/team/app", "no tag (means :latest)")]
    [InlineData("registry:5000/team/app:1.2", null)]
    [InlineData("ghcr.io/gethomepage/homepage:v1.2.0", null)]
    [InlineData("postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    public void Pinning_rule(string image, string? problem) => Assert.Equal(problem, ContainerImages.Problem(image));
}
