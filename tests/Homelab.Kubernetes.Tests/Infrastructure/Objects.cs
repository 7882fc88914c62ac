using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Tests.Infrastructure;

internal static class Objects
{
    public static KubeObject ConfigMap(string ns, string name, string data = "{\"a\":\"1\"}", string labels = "{}") =>
        KubeObject.FromJson(
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns
            + "\",\"labels\":" + labels + "},\"data\":" + data + "}");

    public static KubeObject Namespace(string name) =>
        KubeObject.FromJson("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
}
