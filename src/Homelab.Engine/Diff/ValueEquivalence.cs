using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homelab.Engine.Diff;

/// <summary>
/// When a desired scalar and a live scalar mean the same thing to the API server.
/// Only exact equivalences: <c>80</c> ≡ <c>"80"</c> (int-or-string), <c>1</c> ≡ <c>1.0</c>, and in
/// quantity fields <c>"0.5"</c> ≡ <c>"500m"</c>, <c>1</c> ≡ <c>"1"</c>. Booleans never equal strings.
/// </summary>
internal static class ValueEquivalence
{
    public static bool AreEquivalent(JsonNode? desired, JsonNode? live, bool quantityField)
    {
        if (desired is not JsonValue d || live is not JsonValue l)
        {
            return false;
        }

        var (dk, lk) = (d.GetValueKind(), l.GetValueKind());
        if (dk is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null || lk is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)
        {
            return dk == lk;
        }

        var dText = Text(d, dk);
        var lText = Text(l, lk);
        if (dk == JsonValueKind.String && lk == JsonValueKind.String && string.Equals(dText, lText, StringComparison.Ordinal))
        {
            return true;
        }

        if (quantityField)
        {
            return Quantity.TryParse(dText, out var dq) && Quantity.TryParse(lText, out var lq) && dq == lq;
        }

        // A number on either side: compare numerically (int-or-string fields, 1 vs 1.0).
        return (dk == JsonValueKind.Number || lk == JsonValueKind.Number)
            && TryNumber(dText, out var dn) && TryNumber(lText, out var ln) && dn == ln;
    }

    private static string Text(JsonValue value, JsonValueKind kind) =>
        kind == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
}
