using System.Text.Json.Nodes;
using Homelab.Manifests;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Inventory;

/// <summary>
/// The set of objects a Kustomization applied, as Flux records it in status. Entries are kept sorted by
/// id, as Flux writes them, so the status does not churn when render order changes.
/// </summary>
public sealed class FluxInventory
{
    private readonly Dictionary<string, FluxInventoryEntry> _byId;

    public FluxInventory(IEnumerable<FluxInventoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _byId = new Dictionary<string, FluxInventoryEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            _byId[entry.Id] = entry;
        }

        Entries = [.. _byId.Values.OrderBy(e => e.Id, StringComparer.Ordinal)];
    }

    public static FluxInventory Empty { get; } = new([]);

    public IReadOnlyList<FluxInventoryEntry> Entries { get; }

    public IEnumerable<ObjectId> Ids => Entries.Select(e => e.ObjectId);

    public bool Contains(ObjectId id) => _byId.ContainsKey(id.ToFluxInventoryId());

    public static FluxInventory FromObjects(IEnumerable<KubeObject> objects) =>
        new(objects.Select(FluxInventoryEntry.From));

    /// <summary>Reads <c>status.inventory</c> (<c>{"entries": [{"id": …, "v": …}]}</c>); null or absent means empty.</summary>
    /// <exception cref="ManifestException">The shape is wrong or an id is malformed.</exception>
    public static FluxInventory FromStatus(JsonNode? inventory)
    {
        if (inventory is null)
        {
            return Empty;
        }

        if (inventory is not JsonObject obj || (obj["entries"] is not null and not JsonArray))
        {
            throw new ManifestException("status.inventory must be an object with an 'entries' list");
        }

        var entries = new List<FluxInventoryEntry>();
        foreach (var node in obj["entries"] as JsonArray ?? [])
        {
            var id = (node as JsonObject)?["id"]?.GetValue<string>();
            var version = (node as JsonObject)?["v"]?.GetValue<string>() ?? "";
            if (id is null)
            {
                throw new ManifestException("status.inventory entry has no id");
            }

            try
            {
                _ = ObjectId.ParseFluxInventoryId(id);
            }
            catch (FormatException e)
            {
                throw new ManifestException($"status.inventory: {e.Message}");
            }

            entries.Add(new FluxInventoryEntry(id, version));
        }

        return new FluxInventory(entries);
    }

    public JsonObject ToStatus() => new()
    {
        ["entries"] = new JsonArray([.. Entries.Select(e => (JsonNode)new JsonObject { ["id"] = e.Id, ["v"] = e.Version })]),
    };

    /// <summary>Entries here that <paramref name="current"/> no longer has: the prune candidates. Versions are ignored.</summary>
    public IReadOnlyList<FluxInventoryEntry> StaleComparedTo(FluxInventory current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return [.. Entries.Where(e => !current._byId.ContainsKey(e.Id))];
    }
}
