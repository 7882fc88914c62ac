using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Api.Tests.Infrastructure;

internal static class Yaml
{
    public static KubeObject One(string yaml) => YamlReader.ReadObjects(yaml, "test.yaml").Single();
}
