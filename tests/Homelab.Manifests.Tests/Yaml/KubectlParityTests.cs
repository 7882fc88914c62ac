using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Tests.Rendering;
using Homelab.Manifests.Tools;
using Homelab.Manifests.Yaml;

namespace Homelab.Manifests.Tests.Yaml;

/// <summary>
/// The reader must mean what kubectl means. The real pinned kubectl parses the same file offline
/// (<c>kubectl label --local -o json</c> decodes without a cluster) and both results are compared.
/// </summary>
public sealed class KubectlParityTests
{
    [Fact]
    public async Task Scalar_traps_read_exactly_as_kubectl_reads_them()
    {
        var file = Path.Combine(RenderFixture.TestData, "yaml", "kubectl-parity.yaml");
        var kubectl = KubeToolLocator.Pinned.Locate(KubeTool.Kubectl);
        var result = await ProcessRunner.RunAsync(
            kubectl,
            ["label", "--local", "-f", file, "-o", "json", "parity=checked"],
            timeout: TimeSpan.FromSeconds(60));
        Assert.True(result.Succeeded, result.StandardError);

        var theirs = KubectlObjects(result.StandardOutput)
            .Select(item =>
            {
                item["metadata"]!.AsObject().Remove("labels");
                return Canonical(item);
            })
            .ToList();
        var ours = YamlReader.ReadObjects(await File.ReadAllTextAsync(file), file).Select(o => Canonical(o.Body)).ToList();

        Assert.Equal(theirs.Count, ours.Count);
        for (var i = 0; i < ours.Count; i++)
        {
            Assert.Equal(theirs[i], ours[i]);
        }
    }

    [Fact]
    public async Task What_the_writer_emits_kubectl_reads_back_unchanged()
    {
        string[] tokens =
        [
            "yes", "No", "on", "y", "0x", "0", "7", "1", "_", ".", "e", "-", "+", " ", "\t", "\n", "#", ":", ": ", "'", "\"", "~",
            "null", "<<", "{", "}", "[", "]", ",", "&", "*", "!", "|", ">", "%", "@", "`", "é", "\\", ".inf", "2024-01-01", "---", "?", "= ",
        ];
        var random = new Random(7);
        var data = new JsonObject();
        for (var i = 0; i < 600; i++)
        {
            data[$"k{i}"] = string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => tokens[random.Next(tokens.Length)]));
        }

        var original = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "written", ["annotations"] = new JsonObject { ["on"] = "0755", ["1"] = "1e3" } },
            ["data"] = data,
            ["numbers"] = new JsonArray(1, -2, 1.5, 1e300, true, null),
        };
        var file = Path.Combine(Path.GetTempPath(), $"homelab-writer-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, YamlWriter.Write([new KubeObject(original)]));
        try
        {
            var result = await ProcessRunner.RunAsync(
                KubeToolLocator.Pinned.Locate(KubeTool.Kubectl),
                ["label", "--local", "-f", file, "-o", "json", "parity=checked"],
                timeout: TimeSpan.FromSeconds(60));
            Assert.True(result.Succeeded, result.StandardError);
            var theirs = KubectlObjects(result.StandardOutput).Single();
            theirs["metadata"]!.AsObject().Remove("labels");
            Assert.Equal(Canonical(original), Canonical(theirs));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>kubectl prints one JSON value per object, a List for a List document; flatten both.</summary>
    private static List<JsonObject> KubectlObjects(string output)
    {
        var objects = new List<JsonObject>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            var value = JsonNode.Parse(ref reader)!.AsObject();
            objects.AddRange(value["kind"]?.GetValue<string>() == "List"
                ? value["items"]!.AsArray().Select(i => i!.AsObject())
                : [value]);
        }

        return objects;
    }

    /// <summary>Key order and number spelling do not matter; values do.</summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
            double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };
}
