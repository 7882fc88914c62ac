using System.Globalization;
using System.Text;

namespace Homelab.Engine.Diff.Paths;

/// <summary>RFC 6901 JSON pointers: formatting concrete paths and splitting pointer text into tokens.</summary>
public static class JsonPointer
{
    public static string Format(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var text = new StringBuilder();
        foreach (var token in tokens)
        {
            text.Append('/').Append(token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return text.ToString();
    }

    internal static string Format(IEnumerable<PathToken> path) =>
        Format(path.Select(t => t.Member ?? t.Index.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Splits a pointer into unescaped tokens; null when the text is not a pointer.</summary>
    public static IReadOnlyList<string>? TryParse(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            return null;
        }

        var tokens = new List<string>();
        foreach (var raw in pointer[1..].Split('/'))
        {
            // '~' must be followed by 0 or 1; anything else is not a valid escape.
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '~' && (i + 1 >= raw.Length || (raw[i + 1] != '0' && raw[i + 1] != '1')))
                {
                    return null;
                }
            }

            tokens.Add(raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return tokens;
    }
}
