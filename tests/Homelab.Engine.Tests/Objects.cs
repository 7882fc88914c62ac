using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Engine.Tests;

internal static class Objects
{
    public static KubeObject Yaml(string text) => YamlReader.ReadObjects(text, "test.yaml").Single();

    public static IReadOnlyList<KubeObject> YamlAll(string text) => YamlReader.ReadObjects(text, "test.yaml");
}
