using Homelab.Api.Flux;
using Homelab.Infrastructure.Kustomizations;
using Homelab.Infrastructure.Tests.Fixtures;
using Homelab.Manifests;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Rendering;
using Homelab.Manifests.Tools;

namespace Homelab.Infrastructure.Tests.Kustomizations;

/// <summary>The build step with the real kubectl kustomize: the spec's kustomize fields, commonMetadata and postBuild.</summary>
public sealed class KustomizationBuilderTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task SpecFieldsAreAppliedOverThePathThenSubstitutionRuns()
    {
        using var temp = new TempDirectory();
        Write(temp.Path, "apps/deploy.yaml", FluxYaml.Deployment("web", "somewhere").Replace("replicas: 1", "replicas: ${REPLICAS:=1}", StringComparison.Ordinal));
        Write(temp.Path, "apps/config.yaml", FluxYaml.ConfigMap("settings").Replace("\"1\"", "\"${GREETING}\"", StringComparison.Ordinal));
        Write(temp.Path, "components/extra/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- extra.yaml\n");
        Write(temp.Path, "components/extra/extra.yaml", FluxYaml.ConfigMap("extra"));
        var ns = await fixture.CreateNamespaceAsync("ks-build");
        // As an API server stores it: base64 under data (the dev cluster keeps stringData as written, a real one never returns it).
        await fixture.CreateAsync($"apiVersion: v1\nkind: Secret\nmetadata:\n  name: vars\n  namespace: {ns}\ndata:\n  GREETING: {Base64("hello")}\n  REPLICAS: {Base64("3")}\n");

        var objects = await BuildAsync(temp.Path, ns, $$"""
            path: ./apps
            targetNamespace: target
            namePrefix: pre-
            images:
            - name: nginx
              newTag: "1.28"
            components:
            - ../components/extra
            patches:
            - patch: |
                - op: add
                  path: /metadata/annotations
                  value: {patched: "yes"}
              target:
                kind: ConfigMap
                name: settings
            commonMetadata:
              labels:
                team: platform
            postBuild:
              substituteFrom:
              - kind: Secret
                name: vars
              - kind: ConfigMap
                name: optional-missing
                optional: true
            """);

        var byName = objects.ToDictionary(o => o.Name);
        Assert.Equal(["pre-extra", "pre-settings", "pre-web"], byName.Keys.Order(StringComparer.Ordinal));
        Assert.All(objects, o => Assert.Equal("target", o.Namespace));
        Assert.All(objects, o => Assert.Equal("platform", o.GetLabel("team")));
        Assert.Equal("nginx:1.28", byName["pre-web"].Get("spec", "template", "spec", "containers")!.AsArray()[0]!["image"]!.GetValue<string>());
        Assert.Equal(3L, byName["pre-web"].Get("spec", "replicas")!.GetValue<long>());
        Assert.Equal("hello", byName["pre-settings"].GetString("data", "value"));
        Assert.Equal("yes", byName["pre-settings"].GetAnnotation("patched"));
    }

    [Fact]
    public async Task AMissingRequiredSubstitutionSourceFailsNamingItButNoValue()
    {
        using var temp = new TempDirectory();
        Write(temp.Path, "apps/config.yaml", FluxYaml.ConfigMap("settings"));
        var ns = await fixture.CreateNamespaceAsync("ks-build-missing");

        var error = await Assert.ThrowsAsync<ManifestException>(() => BuildAsync(temp.Path, ns, """
            path: ./apps
            postBuild:
              substituteFrom:
              - kind: Secret
                name: absent
            """));
        Assert.Equal($"postBuild.substituteFrom: Secret '{ns}/absent' not found", error.Message);
    }

    private async Task<IReadOnlyList<KubeObject>> BuildAsync(string root, string ns, string specFields)
    {
        var indented = string.Join("\n", specFields.Split('\n').Select(l => "  " + l));
        var yaml = $"apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: t\n  namespace: {ns}\nspec:\n  interval: 1m\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: repo\n{indented}\n";
        var read = KustomizationReader.Read(Manifests.Yaml.YamlReader.ReadObjects(yaml, "ks.yaml")[0]);
        Assert.True(read.IsValid, read.Describe(global::Homelab.Api.Specs.SpecProblemKind.Invalid));
        var builder = new KustomizationBuilder(new ManifestRenderer(KubeToolLocator.Pinned), new SubstitutionVariables(fixture.Client));
        return await builder.BuildAsync(root, read.Spec, ns, CancellationToken.None);
    }

    private static string Base64(string value) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value));

    private static void Write(string root, string path, string content)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }
}
