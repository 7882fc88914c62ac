using System.Text.Json.Nodes;

namespace Homelab.Engine.Diff;

/// <summary>
/// What live will look like once desired is applied: live with every desired field laid over it
/// (keyed lists merged by key, atomic lists replaced), equivalent scalars left as the server wrote them.
/// Printing live against this shows exactly the drift, without the noise of server defaults.
/// </summary>
internal static class PredictedLive
{
    public static JsonNode Overlay(JsonNode? live, JsonNode desired, string? field = null, string? parent = null)
    {
        switch (desired)
        {
            case JsonObject d when live is JsonObject l:
                foreach (var (key, value) in d)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    l[key] = l[key] is { } existing ? Overlay(existing.DeepClone(), value, key, field) : value.DeepClone();
                }

                return l;
            case JsonArray d when live is JsonArray l && l.All(e => e is JsonObject) && ListMergeKeys.For(field, d) is { } keys:
                foreach (var element in d.Cast<JsonObject>())
                {
                    var match = ListMergeKeys.IndexOf(l, keys, ListMergeKeys.KeyOf(element, keys)!);
                    if (match < 0)
                    {
                        l.Add(element.DeepClone());
                    }
                    else
                    {
                        l[match] = Overlay(l[match]!.DeepClone(), element, field, parent);
                    }
                }

                return l;
            default:
                return SubsetComparer.Contains(live, desired, field, parent) && live is not null ? live : desired.DeepClone();
        }
    }
}
