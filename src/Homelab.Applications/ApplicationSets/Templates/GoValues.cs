using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homelab.Applications.ApplicationSets.Templates;

/// <summary>
/// Template data the way Go sees decoded JSON/YAML: maps (<see cref="IReadOnlyDictionary{TKey,TValue}"/> of
/// string to value), lists, strings, <see cref="long"/> or <see cref="double"/> numbers, booleans and nil;
/// plus <see cref="Missing"/>, Go's invalid value for a map key that is not there.
/// </summary>
public static class GoValues
{
    /// <summary>Go's "no value": what a missing map key evaluates to; printed as <c>&lt;no value&gt;</c>.</summary>
    public static object Missing { get; } = new MissingValue();

    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => FromJson(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(FromJson).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetValue<long>(out var whole) => whole,
            JsonValueKind.Number => value.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };

    /// <summary>Go's notion of truth for <c>if</c>, <c>and</c>, <c>or</c>, <c>not</c>: false, 0, nil, empty string, list or map are false.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        MissingValue => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        IReadOnlyDictionary<string, object?> map => map.Count > 0,
        IReadOnlyList<object?> list => list.Count > 0,
        _ => true,
    };

    /// <summary>Go's <c>fmt.Sprint</c> of a value, which is what an action prints.</summary>
    public static string Print(object? value)
    {
        var text = new StringBuilder();
        Print(text, value);
        return text.ToString();
    }

    public static string TypeName(object? value) => value switch
    {
        null => "nil",
        MissingValue => "<no value>",
        string => "string",
        bool => "bool",
        long or int => "int64",
        double => "float64",
        IReadOnlyDictionary<string, object?> => "map[string]interface {}",
        IReadOnlyList<object?> => "[]interface {}",
        _ => value.GetType().Name,
    };

    /// <summary>Go's shortest <c>%v</c> rendering of a float64: <c>1.5</c>, <c>1e+06</c>, <c>1e-05</c>.</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return "0";
        }

        // %v is %g with the shortest digits; Go switches to an exponent below 1e-4 or from 1e21 up.
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (exponent < -4 || exponent >= 21)
        {
            var scientific = value.ToString("0.################e+00", CultureInfo.InvariantCulture);
            return scientific;
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static void Print(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("<nil>");
                break;
            case MissingValue:
                text.Append("<no value>");
                break;
            case string s:
                text.Append(s);
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case long or int:
                text.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                text.Append(FormatFloat(d));
                break;
            case IReadOnlyDictionary<string, object?> map:
                // Go prints maps with sorted keys: map[a:1 b:2].
                text.Append("map[");
                var first = true;
                foreach (var key in map.Keys.Order(StringComparer.Ordinal))
                {
                    text.Append(first ? "" : " ").Append(key).Append(':');
                    Print(text, map[key]);
                    first = false;
                }

                text.Append(']');
                break;
            case IReadOnlyList<object?> list:
                text.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(' ');
                    }

                    Print(text, list[i]);
                }

                text.Append(']');
                break;
            default:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private sealed class MissingValue
    {
        public override string ToString() => "<no value>";
    }
}
