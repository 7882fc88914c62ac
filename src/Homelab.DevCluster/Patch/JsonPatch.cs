using System.Text.Json.Nodes;
using Homelab.DevCluster.Errors;

namespace Homelab.DevCluster.Patch;

/// <summary>JSON patch (RFC 6902): add, remove, replace, move, copy and test over JSON pointers.</summary>
internal static class JsonPatch
{
    public static JsonObject Apply(JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiErrors.BadRequest("the json patch must be a JSON array of operations");
        }

        JsonNode root = target.DeepClone();
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op || op["op"] is not JsonValue opValue || !opValue.TryGetValue<string>(out var name))
            {
                throw ApiErrors.BadRequest("json patch operation must be an object with an \"op\"");
            }

            var path = PathOf(op, "path");
            switch (name)
            {
                case "add":
                    root = Add(root, path, Value(op));
                    break;
                case "remove":
                    root = Remove(root, path, out _);
                    break;
                case "replace":
                    root = Remove(root, path, out _);
                    root = Add(root, path, Value(op));
                    break;
                case "move":
                    var from = PathOf(op, "from");
                    root = Remove(root, from, out var moved);
                    root = Add(root, path, moved);
                    break;
                case "copy":
                    root = Add(root, path, Get(root, PathOf(op, "from"))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), op["value"]))
                    {
                        throw ApiErrors.Unprocessable($"the server rejected our request due to an error in our request: testing value {string.Join("/", path)} failed");
                    }

                    break;
                default:
                    throw ApiErrors.BadRequest($"Unexpected kind: {name}");
            }
        }

        return root as JsonObject ?? throw ApiErrors.BadRequest("json patch replaced the object with a non-object");
    }

    private static JsonNode? Value(JsonObject op) =>
        op.ContainsKey("value") ? op["value"]?.DeepClone() : throw ApiErrors.BadRequest("json patch operation is missing \"value\"");

    private static string[] PathOf(JsonObject op, string field)
    {
        var pointer = op[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw ApiErrors.BadRequest($"json patch operation is missing \"{field}\"");
        if (pointer.Length == 0)
        {
            return [];
        }

        if (!pointer.StartsWith('/'))
        {
            throw ApiErrors.BadRequest($"JSON pointer must start with '/': {pointer}");
        }

        return pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    private static JsonNode? Get(JsonNode? node, string[] path)
    {
        foreach (var token in path)
        {
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out var i) && i >= 0 && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode root, string[] path, JsonNode? value)
    {
        if (path.Length == 0)
        {
            return value ?? throw ApiErrors.BadRequest("cannot replace the whole object with null");
        }

        var parent = Get(root, path[..^1]) ?? throw Missing(path);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(last, out var i) && i >= 0 && i <= array.Count:
                array.Insert(i, value);
                break;
            default:
                throw Missing(path);
        }

        return root;
    }

    private static JsonNode Remove(JsonNode root, string[] path, out JsonNode? removed)
    {
        var parent = path.Length == 0 ? null : Get(root, path[..^1]);
        var last = path.Length == 0 ? "" : path[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                removed = obj[last];
                obj.Remove(last);
                return root;
            case JsonArray array when int.TryParse(last, out var i) && i >= 0 && i < array.Count:
                removed = array[i];
                array.RemoveAt(i);
                return root;
            default:
                throw Missing(path);
        }
    }

    private static ApiException Missing(string[] path) =>
        ApiErrors.Unprocessable($"the server rejected our request due to an error in our request: doc is missing path: \"/{string.Join("/", path)}\": missing value");
}
