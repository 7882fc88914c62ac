using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Homelab.Manifests.Yaml;

/// <summary>
/// Resolves scalars the way kubectl does (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 rules for
/// untagged plain scalars), so a manifest means the same here as when applied with kubectl:
/// <c>yes</c>/<c>on</c>/<c>y</c> are booleans, <c>0755</c> is octal, <c>1_000</c> is 1000, and so on.
/// </summary>
internal static partial class ScalarResolver
{
    public const string StrTag = "tag:yaml.org,2002:str";
    public const string IntTag = "tag:yaml.org,2002:int";
    public const string FloatTag = "tag:yaml.org,2002:float";
    public const string BoolTag = "tag:yaml.org,2002:bool";
    public const string NullTag = "tag:yaml.org,2002:null";
    public const string MergeTag = "tag:yaml.org,2002:merge";
    public const string BinaryTag = "tag:yaml.org,2002:binary";
    public const string TimestampTag = "tag:yaml.org,2002:timestamp";

    private static readonly HashSet<string> NullWords = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };

    private static readonly HashSet<string> TrueWords = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE",
    };

    private static readonly HashSet<string> FalseWords = new(StringComparer.Ordinal)
    {
        "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE",
    };

    private static readonly HashSet<string> NonFiniteWords = new(StringComparer.Ordinal)
    {
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
    };

    /// <summary>What a plain, untagged scalar means.</summary>
    /// <exception cref="FormatException">The scalar is a YAML float that JSON cannot hold (.inf, .nan).</exception>
    public static JsonNode? ResolvePlain(string text)
    {
        if (NullWords.Contains(text))
        {
            return null;
        }

        if (TrueWords.Contains(text))
        {
            return JsonValue.Create(true);
        }

        if (FalseWords.Contains(text))
        {
            return JsonValue.Create(false);
        }

        if (NonFiniteWords.Contains(text))
        {
            throw new FormatException($"'{text}' is not a finite number and cannot be represented in JSON; quote it if a string is meant");
        }

        // go-yaml only tries numbers when the first character could start one.
        if (text.Length > 0 && "+-.0123456789".Contains(text[0], StringComparison.Ordinal))
        {
            if (TryParseInteger(text.Replace("_", "", StringComparison.Ordinal), out var number))
            {
                return IntegerNode(number);
            }

            if (YamlFloat().IsMatch(text)
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                return NumberNode(d);
            }
        }

        // Timestamps deliberately stay strings: go-yaml v2 keeps them as text when decoding untyped values.
        return JsonValue.Create(text);
    }

    /// <summary>What a scalar with an explicit standard tag means (<c>!!str</c>, <c>!!int</c>, ...).</summary>
    public static JsonNode? ResolveTagged(string tag, string text) => tag switch
    {
        StrTag or BinaryTag or TimestampTag => JsonValue.Create(text),
        NullTag => NullWords.Contains(text) ? null : throw new FormatException($"'{text}' is not a !!null value"),
        BoolTag => TrueWords.Contains(text) ? JsonValue.Create(true)
            : FalseWords.Contains(text) ? JsonValue.Create(false)
            : throw new FormatException($"'{text}' is not a !!bool value"),
        IntTag => TryParseInteger(text.Replace("_", "", StringComparison.Ordinal), out var n)
            ? IntegerNode(n)
            : throw new FormatException($"'{text}' is not a !!int value"),
        FloatTag => ResolvePlain(text) is JsonValue v && (v.TryGetValue<double>(out _) || v.TryGetValue<long>(out _))
            ? NumberNode(double.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture))
            : throw new FormatException($"'{text}' is not a !!float value"),
        // Unknown and local tags (e.g. !Ref): go-yaml keeps the text as a string.
        _ => JsonValue.Create(text),
    };

    /// <summary>True when writing <paramref name="text"/> as a plain scalar would read back as the same string.</summary>
    public static bool ReadsBackAsString(string text)
    {
        if (text == "<<")
        {
            return false;
        }

        try
        {
            return ResolvePlain(text) is JsonValue value && value.TryGetValue<string>(out _);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// kubectl's path is float64 → JSON text → int64 when the text has no fraction, so a whole-valued
    /// float such as <c>1e3</c> or <c>2.0</c> ends up an integer; do the same.
    /// </summary>
    private static JsonValue NumberNode(double value) =>
        Math.Floor(value) == value && Math.Abs(value) < 9.2e18 ? JsonValue.Create((long)value) : JsonValue.Create(value);

    /// <summary>
    /// A plain mapping key as sigs.k8s.io/yaml turns it into a JSON key: booleans and integers in
    /// decimal, floats in Go's shortest float32 'g' format (<c>1e+06</c>), while null keys and integers
    /// that only fit uint64 are refused, as kubectl refuses them.
    /// </summary>
    /// <exception cref="FormatException">kubectl cannot use this key either.</exception>
    public static string ResolvePlainKey(string text)
    {
        if (text == "<<")
        {
            return text;
        }

        if (NullWords.Contains(text))
        {
            throw new FormatException("a null mapping key is not supported");
        }

        if (TrueWords.Contains(text) || FalseWords.Contains(text))
        {
            return TrueWords.Contains(text) ? "true" : "false";
        }

        if (NonFiniteWords.Contains(text))
        {
            throw new FormatException($"'{text}' is not supported as a mapping key");
        }

        if (text.Length > 0 && "+-.0123456789".Contains(text[0], StringComparison.Ordinal))
        {
            if (TryParseInteger(text.Replace("_", "", StringComparison.Ordinal), out var integer))
            {
                return integer >= long.MinValue && integer <= long.MaxValue ? integer.ToString(CultureInfo.InvariantCulture)
                    : integer >= 0 && integer <= ulong.MaxValue ? throw new FormatException($"integer key {text} beyond int64 is not supported")
                    : GoFloat32Key((double)integer);
            }

            if (YamlFloat().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                return GoFloat32Key(d);
            }
        }

        return text;
    }

    /// <summary>Go's <c>strconv.FormatFloat(f, 'g', -1, 32)</c>: shortest float32 digits, exponent form outside 1e-4..1e6.</summary>
    private static string GoFloat32Key(double value)
    {
        var shortest = ((float)value).ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        var parts = shortest.TrimStart('-').Split('E');
        var exponent = parts.Length > 1 ? int.Parse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var mantissa = parts[0].Split('.');
        var all = mantissa[0] + (mantissa.Length > 1 ? mantissa[1] : "");
        var leading = all.Length - all.TrimStart('0').Length;
        var digits = all.TrimStart('0').TrimEnd('0');
        if (digits.Length == 0)
        {
            return negative ? "-0" : "0";
        }

        var point = mantissa[0].Length + exponent - leading;
        var exp10 = point - 1;
        string text;
        if (exp10 < -4 || exp10 >= 6)
        {
            var fraction = digits.Length > 1 ? "." + digits[1..] : "";
            text = $"{digits[0]}{fraction}e{(exp10 < 0 ? '-' : '+')}{Math.Abs(exp10):00}";
        }
        else if (point <= 0)
        {
            text = "0." + new string('0', -point) + digits;
        }
        else
        {
            text = point >= digits.Length ? digits + new string('0', point - digits.Length) : $"{digits[..point]}.{digits[point..]}";
        }

        return negative ? "-" + text : text;
    }

    private static JsonValue IntegerNode(System.Numerics.BigInteger value) =>
        // Beyond int64, kubectl ends up with a float64 (its JSON decoder's fallback), so we do too.
        value >= long.MinValue && value <= long.MaxValue ? JsonValue.Create((long)value) : JsonValue.Create((double)value);

    private static bool TryParseInteger(string text, out System.Numerics.BigInteger number)
    {
        number = default;
        if (text.Length == 0)
        {
            return false;
        }

        var negative = text[0] == '-';
        var digits = text[0] is '-' or '+' ? text[1..] : text;
        int radix;
        if (digits.StartsWith("0x", StringComparison.Ordinal) || digits.StartsWith("0X", StringComparison.Ordinal))
        {
            (radix, digits) = (16, digits[2..]);
        }
        else if (digits.StartsWith("0b", StringComparison.Ordinal) || digits.StartsWith("0B", StringComparison.Ordinal))
        {
            (radix, digits) = (2, digits[2..]);
        }
        else if (digits.StartsWith("0o", StringComparison.Ordinal) || digits.StartsWith("0O", StringComparison.Ordinal))
        {
            (radix, digits) = (8, digits[2..]);
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            (radix, digits) = (8, digits[1..]);
        }
        else
        {
            radix = 10;
        }

        if (digits.Length == 0)
        {
            return false;
        }

        var magnitude = System.Numerics.BigInteger.Zero;
        foreach (var c in digits)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * radix) + digit;
        }

        number = negative ? -magnitude : magnitude;
        return true;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlFloat();
}
