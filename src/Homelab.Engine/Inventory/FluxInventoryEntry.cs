using Homelab.Manifests.Objects;

namespace Homelab.Engine.Inventory;

/// <summary>One entry of a Kustomization's <c>status.inventory.entries</c>: <c>{id: "&lt;ns&gt;_&lt;name&gt;_&lt;group&gt;_&lt;kind&gt;", v: "&lt;version&gt;"}</c>.</summary>
public sealed record FluxInventoryEntry(string Id, string Version)
{
    public ObjectId ObjectId => ObjectId.ParseFluxInventoryId(Id);

    public static FluxInventoryEntry From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new FluxInventoryEntry(obj.Id.ToFluxInventoryId(), obj.Version);
    }
}
