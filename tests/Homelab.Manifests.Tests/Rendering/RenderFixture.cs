using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Rendering;
using Homelab.Manifests.Tools;
using Homelab.Manifests.Yaml;

namespace Homelab.Manifests.Tests.Rendering;

/// <summary>Shared helpers: the TestData root, the renderer on the pinned tools, and object comparison.</summary>
internal static class RenderFixture
{
    public static string TestData { get; } = Path.Combine(AppContext.BaseDirectory, "TestData");

    public static ManifestRenderer Renderer { get; } = new(KubeToolLocator.Pinned);

    public static Task<RenderResult> RenderAsync(string path, RenderType type = RenderType.Auto, DirectoryOptions? directory = null, HelmOptions? helm = null) =>
        Renderer.RenderAsync(
            new RenderRequest { SourceRoot = TestData, Path = path, Type = type, Directory = directory ?? new(), Helm = helm ?? new() },
            TestContext.Timeout);

    /// <summary>Asserts the objects equal the expected YAML stream, object by object, as parsed JSON (not text).</summary>
    public static void AssertObjects(string expectedYaml, IReadOnlyList<KubeObject> actual)
    {
        var expected = YamlReader.ReadObjects(expectedYaml, "expected.yaml");
        Assert.Equal(expected.Select(o => o.Id.ToString()), actual.Select(o => o.Id.ToString()));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(expected[i].Body, actual[i].Body), $"{actual[i].Id} differs:\n{actual[i].ToJson()}\nexpected\n{expected[i].ToJson()}");
        }
    }
}

/// <summary>A per-test cancellation bound, so a hung tool fails the test instead of the run.</summary>
internal static class TestContext
{
    public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
