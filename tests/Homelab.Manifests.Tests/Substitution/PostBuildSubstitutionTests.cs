using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Substitution;
using Homelab.Manifests.Yaml;

namespace Homelab.Manifests.Tests.Substitution;

public sealed class PostBuildSubstitutionTests
{
    private static readonly Dictionary<string, string> Vars = new()
    {
        ["cluster"] = "home",
        ["replicas"] = "3",
        ["empty"] = "",
        ["_under_score1"] = "ok",
    };

    private static KubeObject Object(string yaml) => YamlReader.ReadObjects(yaml, "app.yaml").Single();

    private static KubeObject Apply(string yaml, bool strict = false) =>
        PostBuildSubstitution.Apply([Object(yaml)], Vars, strict).Single();

    private static string Data(KubeObject obj, string key) => obj.Body["data"]![key]!.GetValue<string>();

    [Fact]
    public void Substitutes_variables_and_defaults()
    {
        var result = Apply("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cm-${cluster}
            data:
              plain: ${cluster}
              inline: prefix-${cluster}-suffix
              setDefault: ${missing:=fallback}
              dashDefault: ${missing:-fallback}
              emptyUsesColonDefault: ${empty:=fallback}
              emptyKeptWithoutColon: "${empty=fallback}"
              setIgnoresDefault: ${cluster:=fallback}
              underscore: ${_under_score1}
              nestedDefault: ${missing:=${cluster}-x}
              slice: ${cluster:1:2}
              replace: ${cluster/ho/HO}
              undefinedIsEmpty: "${missing}"
              bareDollarUntouched: $cluster
            """);
        Assert.Equal("cm-home", result.Name);
        Assert.Equal("home", Data(result, "plain"));
        Assert.Equal("prefix-home-suffix", Data(result, "inline"));
        Assert.Equal("fallback", Data(result, "setDefault"));
        Assert.Equal("fallback", Data(result, "dashDefault"));
        Assert.Equal("fallback", Data(result, "emptyUsesColonDefault"));
        // Empty results leave "key: " in the re-serialized YAML, which reads back as null, as in Flux.
        Assert.Null(result.Body["data"]!["emptyKeptWithoutColon"]);
        Assert.Equal("home", Data(result, "setIgnoresDefault"));
        Assert.Equal("ok", Data(result, "underscore"));
        Assert.Equal("home-x", Data(result, "nestedDefault"));
        Assert.Equal("om", Data(result, "slice"));
        Assert.Equal("HOme", Data(result, "replace"));
        Assert.Null(result.Body["data"]!["undefinedIsEmpty"]);
        Assert.Equal("$cluster", Data(result, "bareDollarUntouched"));
        Assert.Equal(new SourceLocation("app.yaml", 1), result.Source);
    }

    [Fact]
    public void Escaped_expressions_stay_literal()
    {
        var result = Apply("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: x}
            data:
              script: echo $${cluster} and ${cluster}
            """);
        Assert.Equal("echo ${cluster} and home", Data(result, "script"));
    }

    [Fact]
    // Flux substitutes into the object re-serialized as YAML, where source quotes are gone, so even
    // "${replicas}" becomes a number (fluxcd/flux2#1839). Matching that keeps renders identical to Flux's.
    public void Substituted_text_is_reparsed_like_flux_so_numbers_become_numbers_even_when_quoted_in_the_source()
    {
        var result = Apply("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: ${replicas}
              template:
                metadata:
                  annotations:
                    quoted: "${replicas}"
            """);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, result.Body["spec"]!["replicas"]!.GetValueKind());
        Assert.Equal(3, result.Body["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal(3, result.Body["spec"]!["template"]!["metadata"]!["annotations"]!["quoted"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("labels")]
    [InlineData("annotations")]
    public void Objects_opting_out_are_left_alone(string where)
    {
        var original = Object($$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: x
              {{where}}:
                kustomize.toolkit.fluxcd.io/substitute: disabled
            data:
              value: ${cluster}
            """);
        var result = PostBuildSubstitution.Apply([original], Vars, strict: true).Single();
        Assert.Equal("${cluster}", Data(result, "value"));
        Assert.True(JsonNode.DeepEquals(original.Body, result.Body));
    }

    [Fact]
    public void Strict_mode_rejects_undefined_variables_naming_variable_and_object()
    {
        var e = Assert.Throws<ManifestException>(() => Apply("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: strict, namespace: apps}
            data:
              value: ${nope}
              withDefault: ${nope2:=ok}
            """, strict: true));
        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
        Assert.Contains("ConfigMap/apps/strict", e.Message, StringComparison.Ordinal);
        Assert.Equal("app.yaml", e.Location!.File);
    }

    [Fact]
    public void Strict_mode_accepts_defaults() =>
        Assert.Equal("ok", Data(Apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  v: ${nope:=ok}\n", strict: true), "v"));

    [Theory]
    [InlineData("1abc")]
    [InlineData("with-dash")]
    [InlineData("")]
    [InlineData("a.b")]
    public void Invalid_variable_names_are_errors(string name)
    {
        var e = Assert.Throws<ManifestException>(() =>
            PostBuildSubstitution.Apply([Object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")], new Dictionary<string, string> { [name] = "v" }));
        Assert.Contains("not a valid substitution variable name", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${1abc}")]
    [InlineData("${a.b}")]
    [InlineData("${}")]
    [InlineData("${cluster")]
    public void Invalid_expressions_are_errors_naming_the_object(string expression)
    {
        var e = Assert.Throws<ManifestException>(() => Apply($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: bad}}\ndata:\n  v: \"{expression}\"\n"));
        Assert.Contains("ConfigMap/bad", e.Message, StringComparison.Ordinal);
        Assert.Equal("app.yaml", e.Location!.File);
    }

    [Fact]
    public void A_value_that_breaks_the_object_is_a_clear_error()
    {
        var e = Assert.Throws<ManifestException>(() => PostBuildSubstitution.Apply(
            [Object("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  v: ${v}\n")],
            new Dictionary<string, string> { ["v"] = "a: b: c" }));
        Assert.Contains("not valid after substitution", e.Message, StringComparison.Ordinal);

        var noKind = Assert.Throws<ManifestException>(() => PostBuildSubstitution.Apply(
            [Object("apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: x\n")],
            new Dictionary<string, string>()));
        Assert.Contains("kind", noKind.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_objects_are_not_modified()
    {
        var original = Object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  v: ${cluster}\n");
        _ = PostBuildSubstitution.Apply([original], Vars);
        Assert.Equal("${cluster}", Data(original, "v"));
    }

    [Fact]
    public void Deeply_nested_defaults_are_refused_instead_of_exhausting_the_stack()
    {
        var nested = string.Concat(Enumerable.Repeat("${a:=", 5000)) + "x" + new string('}', 5000);
        var e = Assert.Throws<ManifestException>(() => Apply($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: deep}}\ndata:\n  v: \"{nested}\"\n"));
        Assert.Contains("nested", e.Message, StringComparison.Ordinal);
    }
}
