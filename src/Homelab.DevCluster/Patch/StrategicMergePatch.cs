using System.Text.Json.Nodes;
using Homelab.DevCluster.Apply;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Errors;

namespace Homelab.DevCluster.Patch;

/// <summary>
/// Strategic merge patch for built-in kinds: lists with a merge key merge item by item, and the
/// directives <c>$patch</c> (delete/replace/merge), <c>$setElementOrder/</c>, <c>$retainKeys</c> and
/// <c>$deleteFromPrimitiveList/</c> are honoured.
/// </summary>
internal static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    public static JsonObject Apply(ResourceType type, JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            throw ApiErrors.BadRequest("strategic merge patch must be a JSON object");
        }

        return MergeObject(type, target, patchObject, []) ?? [];
    }

    private static JsonObject? MergeObject(ResourceType type, JsonObject? target, JsonObject patch, List<string> path)
    {
        var directive = patch[PatchDirective]?.GetValue<string>();
        if (directive == "delete")
        {
            return null;
        }

        var result = directive == "replace" || target is null ? [] : target.DeepClone().AsObject();
        if (directive == "replace")
        {
            foreach (var (key, value) in patch.Where(p => p.Key != PatchDirective))
            {
                result[key] = value?.DeepClone();
            }

            return result;
        }

        if (patch[RetainKeys] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key is PatchDirective or RetainKeys || key.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                continue;
            }

            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveList.Length..];
                if (result[field] is JsonArray list && value is JsonArray remove)
                {
                    result[field] = new JsonArray(list.Where(i => !remove.Any(r => JsonNode.DeepEquals(r, i))).Select(i => i?.DeepClone()).ToArray());
                }

                continue;
            }

            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            List<string> childPath = [.. path, key];
            var merged = value switch
            {
                JsonObject child => MergeObject(type, result[key] as JsonObject, child, childPath),
                JsonArray list => MergeList(type, result[key] as JsonArray, list, childPath),
                _ => value.DeepClone(),
            };
            if (merged is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = merged;
            }

            if (patch[SetElementOrder + key] is JsonArray order && result[key] is JsonArray ordered)
            {
                result[key] = Reorder(type, ordered, order, childPath);
            }
        }

        return result;
    }

    private static JsonArray MergeList(ResourceType type, JsonArray? target, JsonArray patch, List<string> path)
    {
        var mergeKey = ListSchema.MergeKey(type, path);
        if (mergeKey is null)
        {
            if (ListSchema.IsMergedPrimitiveList(path) && target is not null)
            {
                var union = target.DeepClone().AsArray();
                foreach (var item in patch.Where(i => !target.Any(t => JsonNode.DeepEquals(t, i))))
                {
                    union.Add(item?.DeepClone());
                }

                return union;
            }

            // A list-level {"$patch": "replace"} marker among the items is dropped; the rest replaces.
            return new JsonArray(patch.Where(i => i is not JsonObject o || o[PatchDirective] is null).Select(i => i?.DeepClone()).ToArray());
        }

        if (patch.OfType<JsonObject>().Any(o => o[PatchDirective]?.GetValue<string>() == "replace" && o.Count == 1))
        {
            return new JsonArray(patch.OfType<JsonObject>().Where(o => o[PatchDirective] is null).Select(o => (JsonNode)o.DeepClone()).ToArray());
        }

        var result = target?.DeepClone().AsArray() ?? [];
        foreach (var item in patch)
        {
            if (item is not JsonObject patchItem)
            {
                throw ApiErrors.BadRequest($"strategic merge patch: list {string.Join(".", path)} expects objects with the merge key \"{mergeKey}\"");
            }

            var keyValue = patchItem[mergeKey];
            var index = IndexOf(result, mergeKey, keyValue);
            if (patchItem[PatchDirective]?.GetValue<string>() == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }

                continue;
            }

            if (index < 0)
            {
                var added = MergeObject(type, null, patchItem, path);
                if (added is not null)
                {
                    result.Add(added);
                }
            }
            else
            {
                var merged = MergeObject(type, result[index] as JsonObject, patchItem, path);
                if (merged is null)
                {
                    result.RemoveAt(index);
                }
                else
                {
                    result[index] = merged;
                }
            }
        }

        return result;
    }

    private static JsonArray Reorder(ResourceType type, JsonArray list, JsonArray order, List<string> path)
    {
        var mergeKey = ListSchema.MergeKey(type, path);
        var remaining = list.Select(i => i?.DeepClone()).ToList();
        var result = new JsonArray();
        foreach (var wanted in order)
        {
            var match = remaining.FindIndex(i => mergeKey is null
                ? JsonNode.DeepEquals(i, wanted)
                : i is JsonObject o && JsonNode.DeepEquals(o[mergeKey], wanted?[mergeKey]));
            if (match >= 0)
            {
                result.Add(remaining[match]);
                remaining.RemoveAt(match);
            }
        }

        foreach (var rest in remaining)
        {
            result.Add(rest);
        }

        return result;
    }

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode? keyValue)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject item && JsonNode.DeepEquals(item[mergeKey], keyValue))
            {
                return i;
            }
        }

        return -1;
    }
}
