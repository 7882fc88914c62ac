using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homelab.Applications.ApplicationSets.Templates;

/// <summary>
/// The functions ApplicationSet templates use: Go's builtins (<c>index</c>, <c>len</c>, <c>printf</c>, comparisons,
/// <c>and</c>/<c>or</c>/<c>not</c>), the common Sprig string, list and default helpers, and Argo's <c>normalize</c>
/// and <c>slugify</c>. Arguments are strictly typed as in Go: a string function given a number or no value fails.
/// </summary>
internal static class GoTemplateFunctions
{
    private delegate object? Function(IReadOnlyList<object?> args);

    private static readonly Dictionary<string, Function> Functions = new(StringComparer.Ordinal)
    {
        // Go builtins
        ["index"] = Index,
        ["len"] = a => Arity(a, 1) switch
        {
            string s => (long)s.Length,
            IReadOnlyList<object?> l => (long)l.Count,
            IReadOnlyDictionary<string, object?> m => (long)m.Count,
            var other => throw new TemplateException($"len of type {GoValues.TypeName(other)}"),
        },
        ["print"] = a => string.Concat(a.Select(GoValues.Print)),
        ["println"] = a => string.Join(' ', a.Select(GoValues.Print)) + "\n",
        ["printf"] = a => Printf(Str(a, 0), a.Skip(1).ToList()),
        ["not"] = a => !GoValues.IsTrue(Arity(a, 1)),
        ["and"] = a => a.FirstOrDefault(v => !GoValues.IsTrue(v), a.Count > 0 ? a[^1] : null),
        ["or"] = a => a.FirstOrDefault(GoValues.IsTrue, a.Count > 0 ? a[^1] : null),
        ["eq"] = a => a.Skip(1).Any(b => Compare(a[0], b) == 0),
        ["ne"] = a => Compare(a[0], a[1]) != 0,
        ["lt"] = a => Compare(a[0], a[1]) < 0,
        ["le"] = a => Compare(a[0], a[1]) <= 0,
        ["gt"] = a => Compare(a[0], a[1]) > 0,
        ["ge"] = a => Compare(a[0], a[1]) >= 0,

        // Sprig strings
        ["lower"] = a => Str(a, 0).ToLowerInvariant(),
        ["upper"] = a => Str(a, 0).ToUpperInvariant(),
        ["title"] = a => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Str(a, 0)),
        ["trim"] = a => Str(a, 0).Trim(),
        ["trimAll"] = a => Str(a, 1).Trim(Str(a, 0).ToCharArray()),
        ["trimPrefix"] = a => Str(a, 1).StartsWith(Str(a, 0), StringComparison.Ordinal) ? Str(a, 1)[Str(a, 0).Length..] : Str(a, 1),
        ["trimSuffix"] = a => Str(a, 1).EndsWith(Str(a, 0), StringComparison.Ordinal) ? Str(a, 1)[..^Str(a, 0).Length] : Str(a, 1),
        ["replace"] = a => Str(a, 2).Replace(Str(a, 0), Str(a, 1), StringComparison.Ordinal),
        ["contains"] = a => Str(a, 1).Contains(Str(a, 0), StringComparison.Ordinal),
        ["hasPrefix"] = a => Str(a, 1).StartsWith(Str(a, 0), StringComparison.Ordinal),
        ["hasSuffix"] = a => Str(a, 1).EndsWith(Str(a, 0), StringComparison.Ordinal),
        ["nospace"] = a => string.Concat(Str(a, 0).Where(c => !char.IsWhiteSpace(c))),
        ["repeat"] = a => string.Concat(Enumerable.Repeat(Str(a, 1), (int)Int(a, 0))),
        ["trunc"] = a => Truncate(Str(a, 1), (int)Int(a, 0)),
        ["substr"] = a => Substring(Str(a, 2), (int)Int(a, 0), (int)Int(a, 1)),
        ["quote"] = a => string.Join(' ', a.Where(v => v is not null).Select(v => GoQuote(ToText(v)))),
        ["squote"] = a => string.Join(' ', a.Where(v => v is not null).Select(v => $"'{ToText(v)}'")),
        ["toString"] = a => ToText(Arity(a, 1)),
        ["splitList"] = a => Str(a, 1).Split(Str(a, 0)).Cast<object?>().ToList(),
        ["join"] = a => string.Join(Str(a, 0), List(a, 1).Select(ToText)),
        ["b64enc"] = a => Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(a, 0))),
        ["b64dec"] = a => Encoding.UTF8.GetString(Convert.FromBase64String(Str(a, 0))),
        ["sha256sum"] = a => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Str(a, 0)))),
        ["base"] = a => Str(a, 0).TrimEnd('/').Split('/')[^1] is { Length: > 0 } b ? b : "/",
        ["dir"] = a => Str(a, 0).LastIndexOf('/') is var i and > 0 ? Str(a, 0)[..i] : (Str(a, 0).StartsWith('/') ? "/" : "."),

        // Sprig defaults, lists and numbers
        ["default"] = a => a.Count < 2 || !GoValues.IsTrue(a[1]) ? a[0] : a[1],
        ["empty"] = a => !GoValues.IsTrue(Arity(a, 1)),
        ["coalesce"] = a => a.FirstOrDefault(GoValues.IsTrue),
        ["ternary"] = a => GoValues.IsTrue(a[2]) ? a[0] : a[1],
        ["list"] = a => a.ToList(),
        ["first"] = a => List(a, 0) is { Count: > 0 } l ? l[0] : null,
        ["last"] = a => List(a, 0) is { Count: > 0 } l ? l[^1] : null,
        ["dict"] = Dict,
        ["toJson"] = a => ToJson(Arity(a, 1))?.ToJsonString() ?? "null",
        ["int"] = a => ToInt(Arity(a, 1)),
        ["add"] = a => a.Aggregate(0L, (sum, v) => sum + ToInt(v)),
        ["sub"] = a => Int(a, 0) - Int(a, 1),
        ["mul"] = a => a.Aggregate(1L, (product, v) => product * ToInt(v)),
        ["div"] = a => Int(a, 1) == 0 ? throw new TemplateException("division by zero") : Int(a, 0) / Int(a, 1),
        ["mod"] = a => Int(a, 1) == 0 ? throw new TemplateException("division by zero") : Int(a, 0) % Int(a, 1),

        // Argo CD's own
        ["normalize"] = a => NameNormalizer.Normalize(Str(a, 0)),
        ["slugify"] = a => a.Count == 3
            ? NameNormalizer.Slugify(Str(a, 2), (int)Int(a, 0), a[1] is bool smart ? smart : throw new TemplateException("slugify's second argument must be true or false"))
            : NameNormalizer.Slugify(Str(a, 0)),
    };

    public static bool Exists(string name) => Functions.ContainsKey(name);

    public static object? Call(string name, IReadOnlyList<object?> arguments)
    {
        var function = Functions[name];
        var normalized = arguments.Select(a => a == GoValues.Missing ? null : a).ToList();
        try
        {
            return function(normalized);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new TemplateException($"wrong number of args for {name}: got {arguments.Count}");
        }
        catch (FormatException e)
        {
            throw new TemplateException(e.Message);
        }
    }

    private static object? Index(IReadOnlyList<object?> args)
    {
        var value = args.Count > 0 ? args[0] : throw new TemplateException("index of untyped nil");
        foreach (var key in args.Skip(1))
        {
            value = value switch
            {
                IReadOnlyList<object?> list => key is long or int && ToInt(key) is var i && i >= 0 && i < list.Count
                    ? list[(int)i]
                    : throw new TemplateException($"index out of range: {GoValues.Print(key)}"),
                // Go's index on a map gives the zero value for a missing key, whatever missingkey says.
                IReadOnlyDictionary<string, object?> map => key is string name
                    ? map.GetValueOrDefault(name)
                    : throw new TemplateException($"value has type {GoValues.TypeName(key)}; should be string"),
                null => throw new TemplateException("index of untyped nil"),
                _ => throw new TemplateException($"can't index item of type {GoValues.TypeName(value)}"),
            };
        }

        return value;
    }

    private static Dictionary<string, object?> Dict(IReadOnlyList<object?> args)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            map[ToText(args[i])] = args[i + 1];
        }

        return map;
    }

    private static object? Arity(IReadOnlyList<object?> args, int count) =>
        args.Count == count ? args[0] : throw new TemplateException($"wrong number of args: want {count} got {args.Count}");

    private static string Str(IReadOnlyList<object?> args, int index) => args[index] switch
    {
        string s => s,
        null => throw new TemplateException("invalid value; expected string"),
        var other => throw new TemplateException($"wrong type for value; expected string; got {GoValues.TypeName(other)}"),
    };

    private static long Int(IReadOnlyList<object?> args, int index) => ToInt(args[index]);

    private static IReadOnlyList<object?> List(IReadOnlyList<object?> args, int index) => args[index] switch
    {
        IReadOnlyList<object?> list => list,
        var other => throw new TemplateException($"wrong type for value; expected list; got {GoValues.TypeName(other)}"),
    };

    private static long ToInt(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d => (long)d,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        bool b => b ? 1 : 0,
        null => 0,
        _ => throw new TemplateException($"cannot convert {GoValues.TypeName(value)} to int"),
    };

    // Sprig's toString: nil is the empty string, everything else prints as %v.
    private static string ToText(object? value) => value is null ? "" : GoValues.Print(value);

    private static string GoQuote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    private static string Truncate(string text, int length) => length switch
    {
        >= 0 => text.Length > length ? text[..length] : text,
        _ => text.Length > -length ? text[(text.Length + length)..] : text,
    };

    private static string Substring(string text, int start, int end)
    {
        if (start < 0)
        {
            return text[..Math.Min(end, text.Length)];
        }

        if (end < 0 || end > text.Length)
        {
            return text[Math.Min(start, text.Length)..];
        }

        return start <= end ? text[start..end] : "";
    }

    private static int Compare(object? left, object? right)
    {
        if (left is long or int or double && right is long or int or double)
        {
            return Convert.ToDouble(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right, CultureInfo.InvariantCulture));
        }

        return (left, right) switch
        {
            (string a, string b) => string.CompareOrdinal(a, b),
            (bool a, bool b) => a.CompareTo(b),
            (null, null) => 0,
            _ when left?.GetType() != right?.GetType() => throw new TemplateException($"incompatible types for comparison: {GoValues.TypeName(left)} and {GoValues.TypeName(right)}"),
            _ => throw new TemplateException($"invalid type for comparison: {GoValues.TypeName(left)}"),
        };
    }

    private static string Printf(string format, IReadOnlyList<object?> args)
    {
        var output = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                output.Append(format[i]);
                continue;
            }

            var verb = format[++i];
            if (verb == '%')
            {
                output.Append('%');
                continue;
            }

            if (next >= args.Count)
            {
                output.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }

            var arg = args[next++];
            output.Append(verb switch
            {
                's' or 'v' or 'd' => GoValues.Print(arg),
                'q' => GoQuote(ToText(arg)),
                _ => throw new TemplateException($"printf verb %{verb} is not supported (use %s, %v, %d, %q)"),
            });
        }

        return output.ToString();
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        IReadOnlyDictionary<string, object?> map => new JsonObject(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        IReadOnlyList<object?> list => new JsonArray([.. list.Select(ToJson)]),
        _ => JsonSerializer.SerializeToNode(GoValues.Print(value)),
    };
}
