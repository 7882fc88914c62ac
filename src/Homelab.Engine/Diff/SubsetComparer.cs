using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.Engine.Diff.Paths;

namespace Homelab.Engine.Diff;

/// <summary>
/// The drift rule: every field desired sets must be present in live with an equivalent value.
/// Fields only live has (server defaults, other managers) are not differences; keyed lists are
/// matched by key; atomic lists must match whole.
/// </summary>
internal sealed class SubsetComparer
{
    private static readonly HashSet<string> QuantityParents = new(StringComparer.Ordinal)
    {
        "limits", "requests", "hard", "capacity", "allocatable", "default", "defaultRequest", "max", "min",
        "maxLimitRequestRatio", "overhead", "podFixed",
    };

    private readonly List<string> _path = [];
    private readonly List<(string Path, FieldChangeKind Kind)> _changes = [];

    private SubsetComparer()
    {
    }

    public static IReadOnlyList<(string Path, FieldChangeKind Kind)> Compare(JsonNode desired, JsonNode live)
    {
        var comparer = new SubsetComparer();
        comparer.Walk(desired, live, field: null, parent: null);
        return comparer._changes;
    }

    /// <summary>True when desired is a subset of live under the same rules.</summary>
    public static bool Contains(JsonNode? live, JsonNode? desired, string? field, string? parent)
    {
        var comparer = new SubsetComparer();
        comparer.Walk(desired, live, field, parent);
        return comparer._changes.Count == 0;
    }

    public static bool IsEmpty(JsonNode? node) => node is null || node is JsonObject { Count: 0 } || node is JsonArray { Count: 0 };

    public static bool IsQuantityField(string? field, string? parent) =>
        field is "sizeLimit" or "averageValue" || (parent is not null && QuantityParents.Contains(parent));

    /// <summary>
    /// <c>false</c>, <c>0</c> and <c>""</c>: the API server's Go types drop these from most fields
    /// (<c>omitempty</c>), so <c>hostNetwork: false</c> in Git reads back as absent. Treating them as
    /// equal to a missing field avoids that false drift; a dry-run confirmation sees the rare real one.
    /// </summary>
    private static bool IsZeroScalar(JsonNode node) => node is JsonValue value && value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.False => true,
        System.Text.Json.JsonValueKind.String => value.GetValue<string>().Length == 0,
        System.Text.Json.JsonValueKind.Number => value.ToJsonString() is "0" or "0.0",
        _ => false,
    };

    private void Walk(JsonNode? desired, JsonNode? live, string? field, string? parent)
    {
        if (desired is null || (desired is JsonObject { Count: 0 } && live is null or JsonObject))
        {
            return;
        }

        if (IsEmpty(desired) && IsEmpty(live))
        {
            return;
        }

        if (live is null)
        {
            if (IsZeroScalar(desired))
            {
                return;
            }

            Report(FieldChangeKind.Added);
            return;
        }

        switch (desired)
        {
            case JsonObject desiredObject when live is JsonObject liveObject:
                foreach (var (key, value) in desiredObject)
                {
                    _path.Add(key);
                    Walk(value, liveObject[key], key, field);
                    _path.RemoveAt(_path.Count - 1);
                }

                break;
            case JsonArray desiredArray when live is JsonArray liveArray:
                WalkList(desiredArray, liveArray, field, parent);
                break;
            case JsonValue when ValueEquivalence.AreEquivalent(desired, live, IsQuantityField(field, parent)):
                break;
            default:
                Report(FieldChangeKind.Changed);
                break;
        }
    }

    private void WalkList(JsonArray desired, JsonArray live, string? field, string? parent)
    {
        var keys = ListMergeKeys.For(field, desired);
        if (keys is null || live.Any(e => e is not JsonObject))
        {
            var same = desired.Count == live.Count
                && desired.Select((element, i) => Contains(live[i], element, field, parent)).All(x => x);
            if (!same)
            {
                Report(FieldChangeKind.Changed);
            }

            return;
        }

        for (var i = 0; i < desired.Count; i++)
        {
            var element = (JsonObject)desired[i]!;
            var match = ListMergeKeys.IndexOf(live, keys, ListMergeKeys.KeyOf(element, keys)!);
            _path.Add(i.ToString(CultureInfo.InvariantCulture));
            if (match < 0)
            {
                Report(FieldChangeKind.Added);
            }
            else
            {
                Walk(element, live[match], field, parent);
            }

            _path.RemoveAt(_path.Count - 1);
        }
    }

    private void Report(FieldChangeKind kind) => _changes.Add((JsonPointer.Format(_path), kind));
}
