using Homelab.Manifests.Rendering;

namespace Homelab.Manifests.Tests.Rendering;

public sealed class KustomizeRenderTests
{
    [Fact]
    public async Task Overlay_applies_patches_images_namespace_and_name_prefix()
    {
        var result = await RenderFixture.RenderAsync("kustomize/overlays/prod");
        Assert.Equal(RenderType.Kustomize, result.Type);
        RenderFixture.AssertObjects("""
            apiVersion: v1
            kind: Service
            metadata:
              name: prod-web
              namespace: prod
            spec:
              selector:
                app: web
              ports:
                - port: 80
                  targetPort: 8080
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: prod-web
              namespace: prod
              labels:
                app: web
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                    - name: web
                      image: ghcr.io/example/web:2.1.0
                      ports:
                        - containerPort: 8080
            """, result.Objects);
        Assert.All(result.Objects, o => Assert.Equal("kustomize/overlays/prod/kustomization.yaml", o.Source!.File));
    }

    [Fact]
    public async Task Base_renders_unchanged()
    {
        var result = await RenderFixture.RenderAsync("kustomize/base", RenderType.Kustomize);
        Assert.Equal(["Service/web", "Deployment.apps/web"], result.Objects.Select(o => o.Id.ToString()));
        Assert.Equal("ghcr.io/example/web:1.0.0", result.Objects[1].Body["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kustomize_on_a_folder_without_kustomization_is_an_error_naming_it()
    {
        var e = await Assert.ThrowsAsync<ManifestException>(() => RenderFixture.RenderAsync("directory/plain", RenderType.Kustomize));
        Assert.Equal("directory/plain", e.Location!.File);
    }

    [Fact]
    public async Task Root_only_load_restrictor_is_the_default_and_can_be_relaxed_within_the_source_root()
    {
        var restricted = await Assert.ThrowsAsync<ManifestException>(() => RenderFixture.RenderAsync("kustomize/restricted"));
        Assert.Equal("kustomize/restricted/kustomization.yaml", restricted.Location!.File);
        Assert.DoesNotContain(RenderFixture.TestData, restricted.Message, StringComparison.Ordinal);

        var relaxed = await RenderFixture.Renderer.RenderAsync(
            new RenderRequest
            {
                SourceRoot = RenderFixture.TestData,
                Path = "kustomize/restricted",
                Kustomize = new KustomizeOptions { LoadRestrictor = KustomizeLoadRestrictor.None },
            },
            TestContext.Timeout);
        Assert.Equal("shared-settings", Assert.Single(relaxed.Objects).Name);
    }

    [Fact]
    public async Task A_cancelled_render_stops()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RenderFixture.Renderer.RenderAsync(
            new RenderRequest { SourceRoot = RenderFixture.TestData, Path = "kustomize/overlays/prod" }, cancel.Token));
    }
}
