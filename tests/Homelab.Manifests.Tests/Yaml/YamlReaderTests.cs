using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Manifests.Tests.Yaml;

public sealed class YamlReaderTests
{
    [Fact]
    public void Reads_multi_document_streams_skipping_empty_and_comment_only_documents()
    {
        const string yaml = """
            # leading comment
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
            ---
            ---
            # only a comment
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: b
            ...
            """;
        var objects = YamlReader.ReadObjects(yaml, "multi.yaml");
        Assert.Equal(["a", "b"], objects.Select(o => o.Name));
        Assert.Equal(new SourceLocation("multi.yaml", 2), objects[0].Source);
        Assert.Equal(new SourceLocation("multi.yaml", 10), objects[1].Source);
    }

    [Fact]
    public void Lists_are_flattened_with_each_item_at_its_own_line()
    {
        const string yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: a}
            - apiVersion: v1
              kind: Secret
              metadata: {name: b}
            ---
            apiVersion: v1
            kind: ConfigMapList
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: c}
            """;
        var objects = YamlReader.ReadObjects(yaml, "list.yaml");
        Assert.Equal(["ConfigMap/a", "Secret/b", "ConfigMap/c"], objects.Select(o => o.ToString()));
        Assert.Equal([4, 7, 14], objects.Select(o => o.Source!.Line));
    }

    [Fact]
    public void Empty_text_has_no_objects() => Assert.Empty(YamlReader.ReadObjects("", "empty.yaml"));

    [Fact]
    public void A_scalar_document_is_an_error() =>
        Assert.Throws<ManifestException>(() => YamlReader.ReadObjects("hello\n", "s.yaml"));

    [Fact]
    public void Billion_laughs_fails_fast_with_a_clear_error()
    {
        var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        for (var i = 1; i < 10; i++)
        {
            yaml += $"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(",", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 9))}]\n";
        }

        var e = Assert.Throws<ManifestException>(() => YamlReader.ReadNode(yaml, "lol.yaml"));
        Assert.Contains("alias expansion", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Depth_limit_is_enforced()
    {
        var yaml = new string('[', 500) + new string(']', 500);
        var e = Assert.Throws<ManifestException>(() => YamlReader.ReadNode(yaml, "deep.yaml"));
        Assert.Contains("nesting", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_count_limit_is_enforced()
    {
        var yaml = string.Concat(Enumerable.Repeat("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n", 5));
        Assert.Throws<ManifestException>(() => YamlReader.ReadObjects(yaml, "many.yaml", new YamlLimits { MaxDocuments = 4 }));
    }

    [Fact]
    public void Tab_indentation_is_reported_as_such()
    {
        var e = Assert.Throws<ManifestException>(() => YamlReader.ReadNode("metadata:\n\tname: x\n", "tabs.yaml"));
        Assert.Contains("tab", e.Message, StringComparison.Ordinal);
        Assert.Equal("tabs.yaml", e.Location!.File);
        Assert.True(e.Location.Line > 0);
    }

    [Fact]
    public void Invalid_utf8_names_the_line()
    {
        byte[] bytes = [.. "a: 1\nb: "u8, 0xC3, 0x28, (byte)'\n'];
        var e = Assert.Throws<ManifestException>(() => YamlReader.ReadObjects(bytes, "bin.yaml"));
        Assert.Equal(2, e.Location!.Line);
    }

    [Fact]
    public void Nul_bytes_are_rejected() =>
        Assert.Throws<ManifestException>(() => YamlReader.ReadObjects("a: 1\0\n", "nul.yaml"));

    [Fact]
    public void Size_limit_is_enforced() =>
        Assert.Throws<ManifestException>(() => YamlReader.ReadObjects(new string('#', 2000), "big.yaml", new YamlLimits { MaxFileBytes = 1000 }));
}
