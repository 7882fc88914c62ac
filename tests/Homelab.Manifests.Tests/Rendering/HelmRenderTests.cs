using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Rendering;

namespace Homelab.Manifests.Tests.Rendering;

public sealed class HelmRenderTests
{
    private static JsonObject Settings(RenderResult result) =>
        result.Objects.Single(o => o.Kind == "ConfigMap").Body["data"]!.AsObject();

    [Fact]
    public async Task Chart_defaults_render_with_crds_and_attributed_templates()
    {
        var result = await RenderFixture.RenderAsync("helm/podinfo", helm: new HelmOptions { ReleaseName = "demo", Namespace = "apps", KubeVersion = "1.35.0" });
        Assert.Equal(RenderType.Helm, result.Type);
        RenderFixture.AssertObjects("""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              names:
                kind: Widget
                plural: widgets
              scope: Namespaced
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: demo-settings
              namespace: apps
            data:
              message: from-chart
              color: blue
              size: small
              kubeVersion: v1.35.0
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
              namespace: apps
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: demo
              template:
                metadata:
                  labels:
                    app: demo
                spec:
                  containers:
                    - name: podinfo
                      image: "ghcr.io/stefanprodan/podinfo:6.5.0"
            """, result.Objects);
        Assert.Equal(
            ["helm/podinfo/crds/widgets.yaml", "helm/podinfo/templates/configmap.yaml", "helm/podinfo/templates/deployment.yaml"],
            result.Objects.Select(o => o.Source!.File));
    }

    [Fact]
    public async Task Precedence_is_parameters_then_values_object_then_values_then_value_files()
    {
        var result = await RenderFixture.RenderAsync("helm/podinfo", helm: new HelmOptions
        {
            ReleaseName = "demo",
            ValueFiles = ["values-prod.yaml", "../values/shared.yaml"],
            Values = "message: from-values\ncolor: from-values\n",
            Parameters = [new HelmParameter("message", "from-parameter,with comma"), new HelmParameter("replicaCount", "5", ForceString: false)],
        });
        var data = Settings(result);
        Assert.Equal("from-parameter,with comma", data["message"]!.GetValue<string>());
        Assert.Equal("from-values", data["color"]!.GetValue<string>());
        Assert.Equal("large", data["size"]!.GetValue<string>());
        Assert.Equal(5, result.Objects.Single(o => o.Kind == "Deployment").Body["spec"]!["replicas"]!.GetValue<long>());

        var withObject = await RenderFixture.RenderAsync("helm/podinfo", helm: new HelmOptions
        {
            ValueFiles = ["values-prod.yaml"],
            Values = "message: from-values\ncolor: from-values\n",
            ValuesObject = new JsonObject { ["message"] = "from-values-object" },
        });
        var objectData = Settings(withObject);
        Assert.Equal("from-values-object", objectData["message"]!.GetValue<string>());
        // valuesObject replaces values entirely (Argo), so color falls back to the value file.
        Assert.Equal("green", objectData["color"]!.GetValue<string>());
        Assert.Equal("podinfo-settings", withObject.Objects.Single(o => o.Kind == "ConfigMap").Name);
    }

    [Fact]
    public async Task Force_string_parameters_stay_strings_and_crds_can_be_left_out()
    {
        var result = await RenderFixture.RenderAsync("helm/podinfo", helm: new HelmOptions
        {
            IncludeCrds = false,
            Parameters = [new HelmParameter("message", "true", ForceString: true)],
        });
        Assert.DoesNotContain(result.Objects, o => o.Kind == "CustomResourceDefinition");
        Assert.Equal("true", Settings(result)["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Vendored_subcharts_render_with_parent_values_and_their_own_template_paths()
    {
        var result = await RenderFixture.RenderAsync("helm/umbrella", helm: new HelmOptions { ReleaseName = "home" });
        RenderFixture.AssertObjects("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: home-cache}
            data: {size: 256Mi}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: home-app}
            data: {cacheSize: 256Mi}
            """, result.Objects);
        Assert.Equal(
            ["helm/umbrella/charts/cache/templates/cache.yaml", "helm/umbrella/templates/app.yaml"],
            result.Objects.Select(o => o.Source!.File));
    }

    [Fact]
    public async Task Template_errors_name_the_chart()
    {
        var root = Directory.CreateTempSubdirectory("homelab-helm-test-");
        try
        {
            var chart = Directory.CreateDirectory(Path.Combine(root.FullName, "broken", "templates"));
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "broken", "Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 0.1.0\n");
            await File.WriteAllTextAsync(Path.Combine(chart.FullName, "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.missing.deeper }}\n");
            var e = await Assert.ThrowsAsync<ManifestException>(() => RenderFixture.Renderer.RenderAsync(
                new RenderRequest { SourceRoot = root.FullName, Path = "broken" }, TestContext.Timeout));
            Assert.Equal(new SourceLocation("broken/Chart.yaml"), e.Location);
            Assert.Contains("helm template failed", e.Message, StringComparison.Ordinal);
            Assert.Contains("broken/templates/cm.yaml", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(root.FullName, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
