using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homelab.DevCluster.Validation;

/// <summary>The JSON shapes a Go field of a built-in type accepts.</summary>
internal enum FieldType
{
    String,
    Integer,
    Boolean,

    /// <summary><c>intstr.IntOrString</c>: an integer or a string.</summary>
    IntegerOrString,

    /// <summary><c>resource.Quantity</c>: a string or a number.</summary>
    Quantity,
}

internal static class FieldTypeNames
{
    public static string GoName(this FieldType type) => type switch
    {
        FieldType.String => "string",
        FieldType.Integer => "int32",
        FieldType.Boolean => "bool",
        FieldType.IntegerOrString => "intstr.IntOrString",
        _ => "resource.Quantity",
    };
}

/// <summary>A mistyped value: where it is (dotted, with indexes) and the JSON type found there.</summary>
internal sealed record FieldMismatch(string Path, string Actual);

/// <summary>
/// One typed field, addressed by a dotted path where <c>name[]</c> walks every item of an array and
/// <c>*</c> every value of a map. Missing fields and nulls are fine: Go leaves them at zero.
/// </summary>
internal sealed record FieldRule(string Path, FieldType Type)
{
    public FieldRule Under(string prefix) => this with { Path = $"{prefix}.{Path}" };

    public FieldMismatch? FindMismatch(JsonObject body) => Walk(body, Path.Split('.'), 0, "");

    private FieldMismatch? Walk(JsonNode? node, string[] segments, int index, string at)
    {
        if (node is null)
        {
            return null;
        }

        if (index == segments.Length)
        {
            return Accepts(node) ? null : new FieldMismatch(at, JsonTypeName(node));
        }

        var segment = segments[index];
        if (segment == "*")
        {
            return node is JsonObject map
                ? map.Select(entry => Walk(entry.Value, segments, index + 1, $"{at}.{entry.Key}")).FirstOrDefault(m => m is not null)
                : null;
        }

        var isArray = segment.EndsWith("[]", StringComparison.Ordinal);
        var name = isArray ? segment[..^2] : segment;
        var child = (node as JsonObject)?[name];
        var path = at.Length == 0 ? name : $"{at}.{name}";
        if (!isArray)
        {
            return Walk(child, segments, index + 1, path);
        }

        return child is JsonArray items
            ? items.Select((item, i) => Walk(item, segments, index + 1, $"{path}[{i}]")).FirstOrDefault(m => m is not null)
            : null;
    }

    private bool Accepts(JsonNode node)
    {
        var kind = node.GetValueKind();
        return Type switch
        {
            FieldType.String => kind == JsonValueKind.String,
            FieldType.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            FieldType.Integer => kind == JsonValueKind.Number && IsWhole(node),
            FieldType.IntegerOrString => kind == JsonValueKind.String || (kind == JsonValueKind.Number && IsWhole(node)),
            _ => kind is JsonValueKind.String or JsonValueKind.Number,
        };
    }

    private static bool IsWhole(JsonNode node) => node.AsValue().TryGetValue<long>(out _)
        || (node.AsValue().TryGetValue<double>(out var d) && Math.Floor(d) == d);

    private static string JsonTypeName(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        _ => "object",
    };
}
