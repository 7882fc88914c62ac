using System.Text;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;

namespace Homelab.DevCluster.Apply;

/// <summary>
/// Maps between objects and field sets: which fields an object (or an apply configuration) sets,
/// the value at a field path, removing a field, and printing a path the way the API server does.
/// </summary>
internal static class ObjectFields
{
    /// <summary>Fields no manager ever owns: identity and server-maintained metadata.</summary>
    private static readonly HashSet<string> StrippedMetadata =
        ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"];

    /// <summary>The fields <paramref name="body"/> sets; <paramref name="subresource"/> "status" keeps only status.</summary>
    public static FieldSet Of(ResourceType type, JsonObject body, string? subresource)
    {
        var set = new FieldSet();
        foreach (var (key, value) in body)
        {
            if (key is "apiVersion" or "kind" || value is null)
            {
                continue;
            }

            var isStatus = key == "status";
            if (subresource == "status" ? !isStatus : isStatus && type.HasStatus)
            {
                continue;
            }

            if (key == "metadata" && value is JsonObject metadata)
            {
                var metadataSet = set.Child("f:metadata");
                foreach (var (mk, mv) in metadata)
                {
                    if (!StrippedMetadata.Contains(mk) && mv is not null)
                    {
                        Walk(type, mv, metadataSet.Child("f:" + mk), ["metadata", mk]);
                    }
                }

                continue;
            }

            Walk(type, value, set.Child("f:" + key), [key]);
        }

        set.Prune();
        return set;
    }

    private static void Walk(ResourceType type, JsonNode node, FieldSet target, List<string> path)
    {
        switch (node)
        {
            case JsonObject { Count: 0 }:
                target.Member = true;
                break;
            case JsonObject obj:
                if (ListSchema.IsMap(type, path))
                {
                    target.Member = true;
                }

                foreach (var (key, value) in obj)
                {
                    if (value is not null)
                    {
                        Walk(type, value, target.Child("f:" + key), [.. path, key]);
                    }
                    else
                    {
                        target.Child("f:" + key).Member = true;
                    }
                }

                break;
            case JsonArray array:
                var kind = ListSchema.ForApply(type, path);
                if (kind.IsMap && array.All(i => i is JsonObject))
                {
                    foreach (var item in array.OfType<JsonObject>())
                    {
                        var itemSet = target.Child(KeyToken(kind, item));
                        itemSet.Member = true;
                        foreach (var (key, value) in item)
                        {
                            if (value is not null)
                            {
                                Walk(type, value, itemSet.Child("f:" + key), [.. path, key]);
                            }
                        }
                    }
                }
                else if (kind.IsSet)
                {
                    foreach (var item in array)
                    {
                        target.Child("v:" + (item?.ToJsonString() ?? "null")).Member = true;
                    }
                }
                else
                {
                    target.Member = true;
                }

                break;
            default:
                target.Member = true;
                break;
        }
    }

    public static string KeyToken(ListKind kind, JsonObject item)
    {
        var key = new JsonObject();
        foreach (var field in kind.Keys)
        {
            if ((item[field] ?? ListSchema.KeyDefault(field)) is { } value)
            {
                key[field] = value.DeepClone();
            }
        }

        return "k:" + key.ToJsonString();
    }

    public static bool ItemMatches(JsonObject item, string token)
    {
        var key = (JsonObject)JsonNode.Parse(token[2..])!;
        return key.All(p => JsonNode.DeepEquals(item[p.Key] ?? ListSchema.KeyDefault(p.Key), p.Value));
    }

    /// <summary>The node at a field path, or null with <c>found == false</c> when any step is missing.</summary>
    public static JsonNode? ValueAt(JsonNode? root, IReadOnlyList<string> path, out bool found)
    {
        var node = root;
        foreach (var token in path)
        {
            node = Step(node, token, out _);
            if (node is null)
            {
                found = false;
                return null;
            }
        }

        found = true;
        return node;
    }

    /// <summary>Removes the field or list item at a path; returns whether anything was removed.</summary>
    public static bool RemoveAt(JsonObject root, IReadOnlyList<string> path)
    {
        var parent = path.Count == 1 ? root : ValueAt(root, path.Take(path.Count - 1).ToList(), out _);
        var token = path[^1];
        switch (parent)
        {
            case JsonObject obj when token.StartsWith("f:", StringComparison.Ordinal):
                return obj.Remove(token[2..]);
            case JsonArray array:
                var item = Step(array, token, out var index);
                if (item is not null && index >= 0)
                {
                    array.RemoveAt(index);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    private static JsonNode? Step(JsonNode? node, string token, out int index)
    {
        index = -1;
        switch (token[0])
        {
            case 'f' when node is JsonObject obj:
                return obj[token[2..]];
            case 'k' when node is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject item && ItemMatches(item, token))
                    {
                        index = i;
                        return item;
                    }
                }

                return null;
            case 'v' when node is JsonArray array:
                var wanted = JsonNode.Parse(token[2..]);
                for (var i = 0; i < array.Count; i++)
                {
                    if (JsonNode.DeepEquals(array[i], wanted))
                    {
                        index = i;
                        return array[i] ?? JsonValue.Create((string?)null);
                    }
                }

                return null;
            case 'i' when node is JsonArray array && int.TryParse(token[2..], out var n) && n < array.Count:
                index = n;
                return array[n];
            default:
                return null;
        }
    }

    /// <summary>Prints a path as conflict messages do: <c>.spec.containers[name="nginx"].image</c>.</summary>
    public static string Format(IReadOnlyList<string> path)
    {
        var text = new StringBuilder();
        foreach (var token in path)
        {
            switch (token[0])
            {
                case 'f':
                    text.Append('.').Append(token[2..]);
                    break;
                case 'k':
                    var key = (JsonObject)JsonNode.Parse(token[2..])!;
                    text.Append('[').Append(string.Join(",", key.Select(p => $"{p.Key}={p.Value!.ToJsonString()}"))).Append(']');
                    break;
                case 'v':
                    text.Append("[=").Append(token[2..]).Append(']');
                    break;
                case 'i':
                    text.Append('[').Append(token[2..]).Append(']');
                    break;
            }
        }

        return text.ToString();
    }
}
