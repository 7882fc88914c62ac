using Homelab.Api.Argo;
using Homelab.Engine.Diff.Ignore;

namespace Homelab.Applications.Comparison;

/// <summary>An Application's <c>ignoreDifferences</c> as the engine's rule set: one mapping for compare and sync alike.</summary>
internal static class IgnoreRules
{
    /// <exception cref="FormatException">A jq expression or JSON pointer does not parse.</exception>
    public static IgnoreRuleSet Compile(IEnumerable<ResourceIgnoreDifferences> rules) =>
        IgnoreRuleSet.Compile(rules.Select(rule => new IgnoreDifferencesRule
        {
            Group = rule.Group,
            Kind = rule.Kind,
            Name = rule.Name,
            Namespace = rule.Namespace,
            JsonPointers = rule.JsonPointers,
            JqPathExpressions = rule.JqPathExpressions,
            ManagedFieldsManagers = rule.ManagedFieldsManagers,
        }));
}
