using Homelab.Manifests;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Diff.Ignore;

/// <summary>
/// <c>ignoreDifferences</c> compiled once: every pointer and jq path is parsed up front, so a bad rule
/// fails when the options are built (naming the rule), not halfway through a comparison.
/// </summary>
public sealed class IgnoreRuleSet
{
    private readonly List<CompiledRule> _rules;

    private IgnoreRuleSet(List<CompiledRule> rules) => _rules = rules;

    public static IgnoreRuleSet Empty { get; } = new([]);

    /// <exception cref="ManifestException">A pointer or jq path is invalid or outside the supported subset.</exception>
    public static IgnoreRuleSet Compile(IEnumerable<IgnoreDifferencesRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var compiled = new List<CompiledRule>();
        foreach (var rule in rules)
        {
            if (string.IsNullOrEmpty(rule.Kind))
            {
                throw new ManifestException("ignoreDifferences entry has no kind");
            }

            var selectors = rule.JsonPointers.Select(CompilePointer).Concat(rule.JqPathExpressions.Select(JqPathParser.Parse)).ToList();
            compiled.Add(new CompiledRule(rule, selectors));
        }

        return new IgnoreRuleSet(compiled);
    }

    internal IReadOnlyList<PathSelector> SelectorsFor(ObjectId id) =>
        [.. _rules.Where(r => r.Matches(id)).SelectMany(r => r.Selectors)];

    internal IReadOnlySet<string> ManagersFor(ObjectId id) =>
        _rules.Where(r => r.Matches(id)).SelectMany(r => r.Rule.ManagedFieldsManagers).ToHashSet(StringComparer.Ordinal);

    private static PathSelector CompilePointer(string pointer)
    {
        var tokens = Paths.JsonPointer.TryParse(pointer);
        if (tokens is null || tokens.Count == 0)
        {
            throw new ManifestException($"ignoreDifferences jsonPointer '{pointer}' is not a JSON pointer (RFC 6901, e.g. /spec/replicas)");
        }

        return new PathSelector([.. tokens.Select(t => (SelectorStep)new MemberStep(t))]);
    }

    private sealed record CompiledRule(IgnoreDifferencesRule Rule, IReadOnlyList<PathSelector> Selectors)
    {
        public bool Matches(ObjectId id) =>
            Glob(Rule.Group, id.Group) && Glob(Rule.Kind, id.Kind)
            && (string.IsNullOrEmpty(Rule.Name) || Rule.Name == id.Name)
            && (string.IsNullOrEmpty(Rule.Namespace) || Rule.Namespace == (id.Namespace ?? ""));

        private static bool Glob(string pattern, string value) => pattern == "*" || string.Equals(pattern, value, StringComparison.Ordinal);
    }
}
