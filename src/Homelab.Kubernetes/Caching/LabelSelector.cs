namespace Homelab.Kubernetes.Caching;

/// <summary>
/// A Kubernetes label selector evaluated in memory: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k</c>,
/// <c>!k</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, joined by commas (all must hold).
/// </summary>
public sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(List<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.TrueForAll(r => r(labels));

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var term in SplitTerms(text))
        {
            requirements.Add(ParseTerm(term.Trim(), text));
        }

        return new LabelSelector(requirements);
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseTerm(string term, string text)
    {
        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return labels => !labels.ContainsKey(key);
        }

        if (SetTerm(term, " notin ") is var (notKey, notValues))
        {
            return labels => !labels.TryGetValue(notKey, out var v) || !notValues.Contains(v);
        }

        if (SetTerm(term, " in ") is var (inKey, inValues))
        {
            return labels => labels.TryGetValue(inKey, out var v) && inValues.Contains(v);
        }

        var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
        if (notEqual > 0)
        {
            var (key, value) = (term[..notEqual].Trim(), term[(notEqual + 2)..].Trim());
            return labels => !labels.TryGetValue(key, out var v) || v != value;
        }

        var equal = term.IndexOf('=', StringComparison.Ordinal);
        if (equal > 0)
        {
            var key = term[..equal].Trim();
            var value = term[(equal + 1)..].TrimStart('=').Trim();
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }

        if (term.Length == 0 || term.Contains(' ', StringComparison.Ordinal) || term.Contains('(', StringComparison.Ordinal))
        {
            throw new FormatException($"invalid label selector '{text}': cannot parse '{term}'");
        }

        return labels => labels.ContainsKey(term);
    }

    private static (string Key, HashSet<string> Values)? SetTerm(string term, string op)
    {
        var at = term.IndexOf(op, StringComparison.Ordinal);
        if (at <= 0)
        {
            return null;
        }

        var list = term[(at + op.Length)..].Trim();
        if (!list.StartsWith('(') || !list.EndsWith(')'))
        {
            throw new FormatException($"invalid label selector term '{term}': values must be in parentheses");
        }

        var values = list[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return (term[..at].Trim(), new HashSet<string>(values, StringComparer.Ordinal));
    }

    /// <summary>Splits on commas outside parentheses.</summary>
    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
