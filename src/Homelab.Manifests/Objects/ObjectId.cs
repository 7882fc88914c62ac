namespace Homelab.Manifests.Objects;

/// <summary>
/// The identity of a Kubernetes object: what the API server treats as "the same object".
/// Version is deliberately not part of it: apps/v1 and apps/v1beta2 Deployments named alike are one object.
/// </summary>
public readonly record struct ObjectId(string Group, string Kind, string? Namespace, string Name)
{
    /// <summary>
    /// Flux's inventory entry id: <c>&lt;namespace&gt;_&lt;name&gt;_&lt;group&gt;_&lt;kind&gt;</c>
    /// (empty namespace for cluster-scoped objects, empty group for the core API).
    /// </summary>
    public string ToFluxInventoryId() => $"{Namespace}_{Name}_{Group}_{Kind}";

    public static ObjectId ParseFluxInventoryId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        // Names and namespaces cannot contain '_', groups cannot either, so a plain split is exact.
        var parts = id.Split('_');
        if (parts.Length != 4 || parts[1].Length == 0 || parts[3].Length == 0)
        {
            throw new FormatException($"'{id}' is not a Flux inventory id (<namespace>_<name>_<group>_<kind>)");
        }

        return new ObjectId(parts[2], parts[3], parts[0].Length == 0 ? null : parts[0], parts[1]);
    }

    /// <summary><c>Kind/namespace/name</c>, or <c>Kind/name</c> for cluster-scoped objects; group-qualified when not core.</summary>
    public override string ToString()
    {
        var kind = Group.Length == 0 ? Kind : $"{Kind}.{Group}";
        return Namespace is null ? $"{kind}/{Name}" : $"{kind}/{Namespace}/{Name}";
    }
}
