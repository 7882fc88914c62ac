using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Manifests.Tests.Yaml;

public sealed class YamlWriterTests
{
    [Fact]
    public void Round_trips_strings_that_look_like_other_types()
    {
        var body = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","labels":{"on":"yes"}},
             "data":{"a":"true","b":"0755","c":"1.5","d":"","e":"null","f":"~","g":"line1\nline2\n","h":".inf",
                     "i":"0x1F","j":"2024-01-01","k":" padded ","l":"#hash","m":"a: b","n":"- x","o":"<<","p":"y","q":"1_000",
                     "r":"trailing \nspace","s":"\ttab first","t":"two breaks\n\n","u":"héllo ✓","v":"\u0001ctl","w":"-","x":"!tag","y":"&anchor","z":"*alias","": "empty key",
                     "k2":"it's \"quoted\"","k3":"---","k4":"...","k5":"%directive","k6":"@at","k7":"`tick","k8":"a #b","k9":"1e3","k10":"+1","k11":"0o17","k12":"0b1","k13":"line\n\tindented\n","k14":"a\tb","k15":"end "},
             "n":[1,-2,1.5,true,false,null,{"x":[]},[]]}
            """)!.AsObject();
        var text = YamlWriter.Write([new KubeObject(body)]);
        var back = YamlReader.ReadObjects(text, "w.yaml").Single();
        Assert.True(JsonNode.DeepEquals(body, back.Body), text);
    }

    [Fact]
    public void Writes_a_deterministic_separated_stream_in_key_order()
    {
        var a = KubeObject.FromJson("""{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a"}}""");
        var b = KubeObject.FromJson("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"b"}}""");
        var text = YamlWriter.Write([a, b]);
        Assert.Equal("kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n", text);
        Assert.Equal(text, YamlWriter.Write([a, b]));
    }

    private static readonly string[] TrickyTokens =
    [
        "yes", "No", "on", "0x", "0", "7", "1", "_", ".", "e", "E", "-", "+", " ", "\t", "\n", "\r\n", "#", ":", ": ", "'", "\"",
        "~", "null", "<<", "{", "}", "[", "]", ",", "&", "*", "!", "!!", "|", ">", "%", "@", "`", "é", "✓", "\u0001", "\\",
        "inf", ".inf", "nan", "2024-01-01", "---", "...", "?", "= ",
    ];

    [Theory]
    [InlineData(20240601)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Randomised_tricky_strings_round_trip_exactly(int seed)
    {
        var random = new Random(seed);
        var data = new JsonObject();
        for (var i = 0; i < 3000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => TrickyTokens[random.Next(TrickyTokens.Length)]));
            var key = string.Concat(Enumerable.Range(0, random.Next(1, 3)).Select(_ => TrickyTokens[random.Next(TrickyTokens.Length)]));
            data[$"{i}-{key}"] = text;
        }

        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "fuzz" }, ["data"] = data };
        var text2 = YamlWriter.Write([new KubeObject(body)]);
        var back = YamlReader.ReadObjects(text2, "fuzz.yaml").Single();
        foreach (var (key, value) in data)
        {
            Assert.True(back.Body["data"]![key] is JsonValue v && v.GetValue<string>() == value!.GetValue<string>(), $"key {key}: wrote {value!.ToJsonString()}");
        }

        Assert.Equal(data.Count, back.Body["data"]!.AsObject().Count);
    }
}
