using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homelab.Engine.Diff.ManagedFields;

/// <summary>
/// The fields one manager owns, parsed from a managedFields entry's <c>fieldsV1</c>. A node with no
/// children is an owned leaf; <c>"."</c> marks that the node itself is owned as well as its children.
/// </summary>
internal sealed class FieldSet
{
    private FieldSet(IReadOnlyList<(FieldSetStep Step, FieldSet Child)> children, bool ownsSelf)
    {
        Children = children;
        OwnsSelf = ownsSelf;
    }

    /// <summary>The manager owns this node itself (a <c>"."</c> key, or a leaf), not only some of its children.</summary>
    public bool OwnsSelf { get; }

    public IReadOnlyList<(FieldSetStep Step, FieldSet Child)> Children { get; }

    public bool IsLeaf => Children.Count == 0;

    public static FieldSet Parse(JsonObject fieldsV1)
    {
        var children = new List<(FieldSetStep, FieldSet)>();
        foreach (var (key, value) in fieldsV1)
        {
            if (key == ".")
            {
                continue;
            }

            var step = ParseStep(key);
            if (step is not null && value is JsonObject child)
            {
                children.Add((step, Parse(child)));
            }
        }

        return new FieldSet(children, children.Count == 0 || fieldsV1.ContainsKey("."));
    }

    /// <summary>The union of the fieldsV1 of every managedFields entry of <paramref name="managers"/>.</summary>
    public static IReadOnlyList<FieldSet> ForManagers(JsonNode? managedFields, Func<string, bool> managers)
    {
        var sets = new List<FieldSet>();
        if (managedFields is not JsonArray entries)
        {
            return sets;
        }

        foreach (var entry in entries.OfType<JsonObject>())
        {
            if (entry["manager"] is JsonValue m && m.TryGetValue<string>(out var manager) && managers(manager)
                && entry["fieldsV1"] is JsonObject fields)
            {
                sets.Add(Parse(fields));
            }
        }

        return sets;
    }

    private static FieldSetStep? ParseStep(string key)
    {
        if (key.Length < 2 || key[1] != ':')
        {
            return null;
        }

        var body = key[2..];
        try
        {
            return key[0] switch
            {
                'f' => new FieldSetStep(FieldSetStepKind.Field, Field: body),
                'k' => JsonNode.Parse(body) is JsonObject k ? new FieldSetStep(FieldSetStepKind.Key, Key: k) : null,
                'v' => new FieldSetStep(FieldSetStepKind.Value, Value: JsonNode.Parse(body)),
                'i' => int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? new FieldSetStep(FieldSetStepKind.Index, Index: i) : null,
                _ => null,
            };
        }
        catch (JsonException)
        {
            // A malformed key from a foreign writer: skip it rather than fail the whole diff.
            return null;
        }
    }
}
