using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Caching;

/// <summary>
/// One cached object, held as compact UTF-8 JSON (a fraction of a parsed tree's size) plus what
/// in-memory queries need. Every read materialises a fresh <see cref="KubeObject"/>, so a caller
/// that edits what it got can never corrupt the cache.
/// </summary>
internal sealed class CachedObject
{
    private readonly byte[] _json;

    public CachedObject(JsonObject body)
    {
        _json = JsonSerializer.SerializeToUtf8Bytes(body);
        ResourceVersion = body["metadata"]?["resourceVersion"]?.GetValue<string>();
        Labels = body["metadata"]?["labels"] is JsonObject labels
            ? [.. labels.Where(p => p.Value is JsonValue).Select(p => KeyValuePair.Create(p.Key, p.Value!.GetValue<string>()))]
            : [];
    }

    public string? ResourceVersion { get; }

    public KeyValuePair<string, string>[] Labels { get; }

    public int Size => _json.Length;

    public KubeObject ToObject() => new((JsonObject)JsonNode.Parse(_json)!);
}
