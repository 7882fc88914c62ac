using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
