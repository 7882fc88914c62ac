using Homelab.Engine.Plan;
using Homelab.Manifests;
using static Homelab.Engine.Tests.Objects;

namespace Homelab.Engine.Tests.Plan;

public sealed class FluxObjectOptionsTests
{
    [Fact]
    public void Defaults_without_annotations()
    {
        var options = FluxObjectOptions.Parse(Yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: b}\n"));

        Assert.Equal(new FluxObjectOptions(false, SsaPolicy.Override, false, false), options);
    }

    [Fact]
    public void Annotations_are_read()
    {
        var options = FluxObjectOptions.Parse(Yaml("""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
              namespace: db
              annotations:
                kustomize.toolkit.fluxcd.io/prune: disabled
                kustomize.toolkit.fluxcd.io/ssa: IfNotPresent
                kustomize.toolkit.fluxcd.io/reconcile: disabled
                kustomize.toolkit.fluxcd.io/force: enabled
            """));

        Assert.Equal(new FluxObjectOptions(true, SsaPolicy.IfNotPresent, true, true), options);
    }

    [Theory]
    [InlineData("Merge", SsaPolicy.Merge)]
    [InlineData("ignore", SsaPolicy.Ignore)]
    [InlineData("Override", SsaPolicy.Override)]
    public void Ssa_values(string value, SsaPolicy expected)
    {
        var obj = Yaml($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: a, namespace: b, annotations: {{kustomize.toolkit.fluxcd.io/ssa: {value}}}}}\n");

        Assert.Equal(expected, FluxObjectOptions.Parse(obj).Ssa);
    }

    [Theory]
    [InlineData("Sometimes")]
    [InlineData("3")]
    public void Unknown_ssa_value_is_an_error_naming_the_object(string value)
    {
        var obj = Yaml($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: a, namespace: b, annotations: {{kustomize.toolkit.fluxcd.io/ssa: \"{value}\"}}}}\n");

        var error = Assert.Throws<ManifestException>(() => FluxObjectOptions.Parse(obj));

        Assert.Contains("ConfigMap/b/a", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
    }
}
