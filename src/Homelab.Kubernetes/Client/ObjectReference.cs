using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Client;

/// <summary>Enough to address one object on the server: apiVersion, kind, namespace (null when cluster-scoped) and name.</summary>
public sealed record ObjectReference(string ApiVersion, string Kind, string? Namespace, string Name)
{
    public string Group => KubeObject.SplitApiVersion(ApiVersion).Group;

    public string Version => KubeObject.SplitApiVersion(ApiVersion).Version;

    public static ObjectReference From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new(obj.ApiVersion, obj.Kind, obj.Namespace, obj.Name);
    }

    public override string ToString() => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";
}
