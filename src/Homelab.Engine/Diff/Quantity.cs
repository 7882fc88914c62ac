using System.Globalization;
using System.Text.RegularExpressions;

namespace Homelab.Engine.Diff;

/// <summary>
/// Kubernetes resource quantities (<c>500m</c>, <c>1Gi</c>, <c>1e3</c>) as exact decimal values, so the
/// server's canonical form (<c>0.5</c> → <c>500m</c>) does not read as drift.
/// </summary>
internal static partial class Quantity
{
    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        var match = Pattern().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups["n"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var suffix = match.Groups["s"].Value;
        decimal multiplier;
        if (suffix.Length > 1 && (suffix[0] == 'e' || suffix[0] == 'E') && char.IsAsciiDigit(suffix[^1]))
        {
            var exponent = int.Parse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            if (Math.Abs(exponent) > 18)
            {
                return false;
            }

            multiplier = Pow(10, exponent);
        }
        else
        {
            multiplier = suffix switch
            {
                "" => 1m,
                "n" => 0.000000001m,
                "u" => 0.000001m,
                "m" => 0.001m,
                "k" => 1e3m,
                "M" => 1e6m,
                "G" => 1e9m,
                "T" => 1e12m,
                "P" => 1e15m,
                "E" => 1e18m,
                "Ki" => 1024m,
                "Mi" => Pow(1024, 2),
                "Gi" => Pow(1024, 3),
                "Ti" => Pow(1024, 4),
                "Pi" => Pow(1024, 5),
                "Ei" => Pow(1024, 6),
                _ => 0m,
            };
        }

        if (multiplier == 0m)
        {
            return false;
        }

        value = number * multiplier;
        return true;
    }

    private static decimal Pow(decimal b, int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result = exponent > 0 ? result * b : result / b;
        }

        return result;
    }

    [GeneratedRegex(@"^(?<n>[+-]?(?:\d+\.?\d*|\.\d+))(?<s>[eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
