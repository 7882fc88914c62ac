using Homelab.Manifests.Objects;

namespace Homelab.Controllers;

/// <summary>What a work queue holds: the namespace (null when cluster-scoped) and name of one object of the controller's kind.</summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    /// <summary>"namespace/name", or just "name" for cluster-scoped objects.</summary>
    public override string ToString() => string.IsNullOrEmpty(Namespace) ? Name : $"{Namespace}/{Name}";

    public static ObjectKey Of(KubeObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Namespace, o.Name);
    }
}
