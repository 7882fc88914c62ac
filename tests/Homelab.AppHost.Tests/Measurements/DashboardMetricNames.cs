using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Homelab.AppHost.Tests.Measurements;

/// <summary>
/// The metric names a Grafana dashboard's PromQL expressions read. Label matchers, grouping clauses,
/// range selectors and string literals are removed first; what is left is functions, operators and
/// metric names, and the functions and keywords are known.
/// </summary>
internal static partial class DashboardMetricNames
{
    private static readonly HashSet<string> PromQlWords =
    [
        "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group",
        "rate", "irate", "increase", "delta", "idelta", "deriv", "histogram_quantile", "vector", "scalar", "abs", "ceil",
        "floor", "round", "clamp_min", "clamp_max", "time", "timestamp", "label_replace", "label_join", "sort", "sort_desc",
        "absent", "changes", "resets", "avg_over_time", "max_over_time", "min_over_time", "sum_over_time", "count_over_time",
        "last_over_time", "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool",
    ];

    public static IReadOnlySet<string> Read(string dashboardPath)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expression in Expressions(JsonNode.Parse(File.ReadAllText(dashboardPath))))
        {
            names.UnionWith(InExpression(expression));
        }

        return names;
    }

    public static IEnumerable<string> InExpression(string promQl)
    {
        var stripped = Grouping().Replace(Ranges().Replace(Matchers().Replace(Strings().Replace(promQl, " "), " "), " "), " ");
        return Identifiers().Matches(stripped).Select(m => m.Value).Where(word => !PromQlWords.Contains(word)).Distinct(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Expressions(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "expr" && p.Value is JsonValue v && v.TryGetValue<string>(out var e) ? [e] : Expressions(p.Value)),
        JsonArray a => a.SelectMany(Expressions),
        _ => [],
    };

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();
}
