using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;

namespace Homelab.DevCluster.Apply;

/// <summary>Merges an apply configuration into a live object: maps field by field, list-maps by key, sets by value, the rest replaced.</summary>
internal static class ApplyMerge
{
    public static JsonNode? Merge(ResourceType type, JsonNode? live, JsonNode? applied, List<string> path)
    {
        switch (live, applied)
        {
            case (JsonObject l, JsonObject a):
                var result = l.DeepClone().AsObject();
                foreach (var (key, value) in a)
                {
                    result[key] = result.ContainsKey(key) ? Merge(type, result[key], value, [.. path, key]) : value?.DeepClone();
                }

                return result;
            case (JsonArray l, JsonArray a) when path.Count > 0:
                var kind = ListSchema.ForApply(type, path);
                if (kind.IsMap && l.All(i => i is JsonObject) && a.All(i => i is JsonObject))
                {
                    return MergeListMap(type, kind, l, a, path);
                }

                if (kind.IsSet)
                {
                    var union = l.DeepClone().AsArray();
                    foreach (var item in a.Where(item => !l.Any(existing => JsonNode.DeepEquals(existing, item))))
                    {
                        union.Add(item?.DeepClone());
                    }

                    return union;
                }

                return a.DeepClone();
            default:
                return applied?.DeepClone();
        }
    }

    private static JsonArray MergeListMap(ResourceType type, ListKind kind, JsonArray live, JsonArray applied, List<string> path)
    {
        var result = live.DeepClone().AsArray();
        foreach (var item in applied.OfType<JsonObject>())
        {
            var token = ObjectFields.KeyToken(kind, item);
            var index = -1;
            for (var i = 0; i < result.Count; i++)
            {
                if (result[i] is JsonObject existing && ObjectFields.ItemMatches(existing, token))
                {
                    index = i;
                    break;
                }
            }

            if (index < 0)
            {
                result.Add(item.DeepClone());
            }
            else
            {
                result[index] = Merge(type, result[index], item, path);
            }
        }

        return result;
    }
}
