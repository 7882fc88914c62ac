using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homelab.Manifests.Objects;

/// <summary>
/// An unstructured Kubernetes object: a JSON tree with typed access to the fields every stage needs.
/// The tree stays the source of truth, so fields this code does not know survive a round trip untouched.
/// </summary>
public sealed class KubeObject
{
    private static readonly JsonSerializerOptions CompactJson = new() { WriteIndented = false };

    public KubeObject(JsonObject body, SourceLocation? source = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        Body = body;
        Source = source;
        if (ReadString(body, "apiVersion") is not { Length: > 0 })
        {
            throw new ManifestException("object has no apiVersion", source);
        }

        if (ReadString(body, "kind") is not { Length: > 0 })
        {
            throw new ManifestException("object has no kind", source);
        }
    }

    public JsonObject Body { get; }

    /// <summary>The file (and line) this object was read from, when it came from a file.</summary>
    public SourceLocation? Source { get; }

    public string ApiVersion => ReadString(Body, "apiVersion")!;

    public string Kind => ReadString(Body, "kind")!;

    /// <summary>The API group: empty for the core group (<c>v1</c>).</summary>
    public string Group => SplitApiVersion(ApiVersion).Group;

    public string Version => SplitApiVersion(ApiVersion).Version;

    public string Name
    {
        get => ReadString(Metadata, "name") ?? "";
        set => EnsureMetadata()["name"] = value;
    }

    /// <summary>The namespace, or null when the object has none (cluster-scoped, or namespaced but not yet placed).</summary>
    public string? Namespace
    {
        get => ReadString(Metadata, "namespace") is { Length: > 0 } ns ? ns : null;
        set
        {
            if (value is null)
            {
                Metadata?.Remove("namespace");
            }
            else
            {
                EnsureMetadata()["namespace"] = value;
            }
        }
    }

    public ObjectId Id => new(Group, Kind, Namespace, Name);

    public JsonObject? Metadata => Body["metadata"] as JsonObject;

    public IReadOnlyDictionary<string, string> Labels => ReadStringMap("labels");

    public IReadOnlyDictionary<string, string> Annotations => ReadStringMap("annotations");

    // Single lookups read the JSON directly: they run per object on hot paths (owner marks, sync
    // options), where building the whole map each time would be wasted work.
    public string? GetLabel(string key) => ReadString(Metadata?["labels"] as JsonObject, key);

    public string? GetAnnotation(string key) => ReadString(Metadata?["annotations"] as JsonObject, key);

    public void SetLabel(string key, string value) => EnsureMap("labels")[key] = value;

    public void SetAnnotation(string key, string value) => EnsureMap("annotations")[key] = value;

    public bool RemoveAnnotation(string key) => (Metadata?["annotations"] as JsonObject)?.Remove(key) ?? false;

    /// <summary>Follows a path of object keys; null when any step is missing or not an object.</summary>
    public JsonNode? Get(params ReadOnlySpan<string> path)
    {
        JsonNode? node = Body;
        foreach (var key in path)
        {
            node = node is JsonObject obj ? obj[key] : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The string at a path, or null when it is missing or not a string.</summary>
    public string? GetString(params ReadOnlySpan<string> path) =>
        Get(path) is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    public KubeObject DeepClone() => new((JsonObject)Body.DeepClone(), Source);

    public string ToJson() => Body.ToJsonString(CompactJson);

    public static KubeObject FromJson(string json, SourceLocation? source = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ManifestException($"invalid JSON: {e.Message}", source);
        }

        return node is JsonObject obj
            ? new KubeObject(obj, source)
            : throw new ManifestException("a Kubernetes object must be a JSON object", source);
    }

    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    public override string ToString() => Id.ToString();

    private static string? ReadString(JsonObject? obj, string key) =>
        obj?[key] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private IReadOnlyDictionary<string, string> ReadStringMap(string key)
    {
        if (Metadata?[key] is not JsonObject map)
        {
            return EmptyMap;
        }

        var result = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (k, v) in map)
        {
            if (v is JsonValue value && value.TryGetValue<string>(out var s))
            {
                result[k] = s;
            }
        }

        return result;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();

    private JsonObject EnsureMetadata()
    {
        if (Body["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = [];
        Body["metadata"] = metadata;
        return metadata;
    }

    private JsonObject EnsureMap(string key)
    {
        var metadata = EnsureMetadata();
        if (metadata[key] is JsonObject map)
        {
            return map;
        }

        map = [];
        metadata[key] = map;
        return map;
    }
}
