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
                return number;
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
            ? n
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

    private static bool TryParseInteger(string text, out JsonValue? number)
    {
        number = null;
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

        var value = negative ? -magnitude : magnitude;
        // Beyond int64, kubectl ends up with a float64 (its JSON decoder's fallback), so we do too.
        number = value >= long.MinValue && value <= long.MaxValue
            ? JsonValue.Create((long)value)
            : JsonValue.Create((double)value);
        return true;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlFloat();
}
