using System.Text.Json.Nodes;
using Homelab.Manifests.Yaml;

namespace Homelab.Manifests.Tests.Yaml;

/// <summary>Each YAML 1.1 scalar rule kubectl applies (sigs.k8s.io/yaml over go-yaml v2).</summary>
public sealed class ScalarResolutionTests
{
    private static JsonNode? Value(string yaml) => YamlReader.ReadNode($"v: {yaml}\n", "t.yaml")!["v"];

    private static string Json(string yaml) => Value(yaml)?.ToJsonString() ?? "null";

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("TRUE")]
    [InlineData("yes")]
    [InlineData("Yes")]
    [InlineData("YES")]
    [InlineData("on")]
    [InlineData("On")]
    [InlineData("ON")]
    [InlineData("y")]
    [InlineData("Y")]
    public void Yaml11_true_words_are_booleans(string word) => Assert.Equal("true", Json(word));

    [Theory]
    [InlineData("false")]
    [InlineData("no")]
    [InlineData("No")]
    [InlineData("off")]
    [InlineData("OFF")]
    [InlineData("n")]
    [InlineData("N")]
    public void Yaml11_false_words_are_booleans(string word) => Assert.Equal("false", Json(word));

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    [InlineData("")]
    public void Null_words_and_empty_are_null(string word) => Assert.Null(Value(word));

    [Theory]
    [InlineData("0755", "493")]
    [InlineData("0x1F", "31")]
    [InlineData("1_000", "1000")]
    [InlineData("-42", "-42")]
    [InlineData("+7", "7")]
    [InlineData("0b101", "5")]
    [InlineData("0o17", "15")]
    [InlineData("0", "0")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    public void Integers_follow_go_rules(string yaml, string json) => Assert.Equal(json, Json(yaml));

    [Fact]
    public void Integers_beyond_int64_become_floating_point()
    {
        var value = Value("92233720368547758080")!.AsValue();
        Assert.True(value.TryGetValue<double>(out var d));
        Assert.Equal(9.2233720368547758e19, d);
    }

    [Theory]
    [InlineData("1.5", "1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("-2.25", "-2.25")]
    [InlineData("1.25e2", "125")]
    [InlineData("1e3", "1000")]
    [InlineData("2.0", "2")]
    [InlineData("08", "8")]
    public void Floats_are_numbers_and_whole_ones_integers_as_after_kubectls_json_round_trip(string yaml, string json) =>
        Assert.Equal(json, Json(yaml));

    [Fact]
    public void Whole_floats_are_integers() => Assert.Equal(1000, Value("1e3")!.GetValue<long>());

    [Fact]
    public void A_byte_order_mark_is_ignored() => Assert.Equal("1", YamlReader.ReadNode("\uFEFFv: 1\n", "bom.yaml")!["v"]!.ToJsonString());

    [Theory]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData(".nan")]
    [InlineData(".NaN")]
    public void Non_finite_floats_are_errors_naming_file_and_line(string yaml)
    {
        var e = Assert.Throws<ManifestException>(() => YamlReader.ReadNode($"a: 1\nv: {yaml}\n", "f.yaml"));
        Assert.Equal("f.yaml", e.Location!.File);
        Assert.Equal(2, e.Location.Line);
    }

    [Theory]
    [InlineData("2024-01-02")]
    [InlineData("2001-12-14t21:59:43.10-05:00")]
    [InlineData("1.2.3")]
    [InlineData("v1")]
    [InlineData("0x")]
    [InlineData("-x")]
    public void Other_plain_scalars_stay_strings(string yaml) => Assert.Equal(yaml, Value(yaml)!.GetValue<string>());

    [Theory]
    [InlineData("\"true\"", "true")]
    [InlineData("'yes'", "yes")]
    [InlineData("\"0755\"", "0755")]
    [InlineData("'null'", "null")]
    [InlineData("\"1.5\"", "1.5")]
    [InlineData("\".inf\"", ".inf")]
    public void Quoted_scalars_are_always_strings(string yaml, string expected) =>
        Assert.Equal(expected, Value(yaml)!.GetValue<string>());

    [Fact]
    public void Block_scalars_are_strings() =>
        Assert.Equal("yes\n", YamlReader.ReadNode("v: |\n  yes\n", "t.yaml")!["v"]!.GetValue<string>());

    [Theory]
    [InlineData("!!str 0755", "\"0755\"")]
    [InlineData("!!str yes", "\"yes\"")]
    [InlineData("!!int \"12\"", "12")]
    [InlineData("!!float 3", "3")]
    [InlineData("!!bool \"on\"", "true")]
    [InlineData("!!null ~", "null")]
    [InlineData("!custom 12", "\"12\"")]
    public void Explicit_tags_are_honoured(string yaml, string json) => Assert.Equal(json, Json(yaml));

    [Fact]
    public void Bad_explicit_int_is_an_error() =>
        Assert.Throws<ManifestException>(() => Value("!!int abc"));

    [Fact]
    public void Merge_keys_follow_go_yaml_v2_order()
    {
        const string yaml = """
            base: &base
              a: 1
              b: 2
            other: &other
              b: 20
              c: 30
            merged:
              <<: [*base, *other]
              a: 100
            """;
        var merged = YamlReader.ReadNode(yaml, "t.yaml")!["merged"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":100,"b":2,"c":30}"""), merged));

        // A merge written after an explicit key overrides it, as in kubectl.
        var late = YamlReader.ReadNode("base: &b {a: 1}\nm:\n  a: 5\n  <<: *b\n", "t.yaml")!["m"]!;
        Assert.Equal(1, late["a"]!.GetValue<long>());
    }

    [Fact]
    public void Aliases_copy_the_anchored_value()
    {
        var node = YamlReader.ReadNode("a: &x [1, 2]\nb: *x\n", "t.yaml")!;
        Assert.Equal("[1,2]", node["b"]!.ToJsonString());
    }

    [Fact]
    public void Duplicate_keys_are_an_error_naming_the_key_and_line()
    {
        var e = Assert.Throws<ManifestException>(() => YamlReader.ReadNode("a: 1\nb: 2\na: 3\n", "dup.yaml"));
        Assert.Contains("'a'", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Location!.Line);
    }

    [Fact]
    public void Non_string_keys_become_strings_as_kubectl_does()
    {
        var node = YamlReader.ReadNode("1: a\non: b\n0x10: c\n1.5: d\n1e3: e\n1000000.0: f\n123456789.0: g\n0.00001: h\n-0.5: i\n99999999999999999999: j\n", "t.yaml")!;
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"1":"a","true":"b","16":"c","1.5":"d","1000":"e","1e+06":"f","1.2345679e+08":"g","1e-05":"h","-0.5":"i","1e+20":"j"}"""),
            node));
    }

    [Theory]
    [InlineData("~: x")]
    [InlineData("18446744073709551615: x")]
    [InlineData("[a, b]: x")]
    public void Keys_kubectl_refuses_are_errors(string yaml) =>
        Assert.Throws<ManifestException>(() => YamlReader.ReadNode(yaml + "\n", "keys.yaml"));

    [Fact]
    public void Json_input_is_read_as_yaml()
    {
        var node = YamlReader.ReadNode("""{"a": [1, "x", true, null], "b": {"c": 1.5}}""", "t.json")!;
        Assert.Equal("""{"a":[1,"x",true,null],"b":{"c":1.5}}""", node.ToJsonString());
    }
}
