using System.Text.Json.Nodes;

namespace Homelab.DevCluster.Storage;

/// <summary>
/// One object as stored: its serialized JSON (immutable, shared by every reader and watcher without
/// copying) plus the fields selectors need, read once at write time.
/// </summary>
public sealed record StoredObject(
    string? Namespace,
    string Name,
    long ResourceVersion,
    IReadOnlyDictionary<string, string> Labels,
    byte[] Json)
{
    /// <summary>A fresh, mutable copy of the object.</summary>
    public JsonObject ToNode() => (JsonObject)JsonNode.Parse(Json)!;

    public static string KeyOf(string? ns, string name) => ns is null ? name : $"{ns}/{name}";

    public string Key => KeyOf(Namespace, Name);
}
