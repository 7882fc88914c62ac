using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Deployment.Tests.Rbac;

/// <summary>
/// The permissions a set of manifests gives each ServiceAccount: ClusterRoles (aggregated ones resolved from
/// their label selectors, as the API server's aggregation controller does) bound cluster-wide by
/// ClusterRoleBindings, and Roles or ClusterRoles bound in one namespace by RoleBindings.
/// </summary>
internal sealed class RbacPolicy
{
    private readonly List<(string ServiceAccount, string Scope, RbacRule Rule)> _rules = [];

    public RbacPolicy(IReadOnlyList<KubeObject> objects)
    {
        var clusterRoles = objects.Where(o => o.Kind == "ClusterRole").ToDictionary(o => o.Name);
        var roles = objects.Where(o => o.Kind == "Role").ToDictionary(o => (o.Namespace, o.Name));
        foreach (var binding in objects.Where(o => o.Kind is "ClusterRoleBinding" or "RoleBinding"))
        {
            var roleRef = binding.Get("roleRef")!;
            var roleName = roleRef["name"]!.GetValue<string>();
            var rules = roleRef["kind"]!.GetValue<string>() == "ClusterRole"
                ? RulesOf(clusterRoles[roleName], clusterRoles.Values)
                : RulesOf(roles[(binding.Namespace, roleName)], []);
            var scope = binding.Kind == "ClusterRoleBinding" ? Grant.Cluster : binding.Namespace!;
            foreach (var subject in ((JsonArray)binding.Get("subjects")!).Where(s => s!["kind"]!.GetValue<string>() == "ServiceAccount"))
            {
                var account = $"{subject!["namespace"]!.GetValue<string>()}/{subject["name"]!.GetValue<string>()}";
                _rules.AddRange(rules.Select(rule => (account, scope, rule)));
            }
        }
    }

    /// <summary>Whether <paramref name="serviceAccount"/> (<c>namespace/name</c>) may make this request.</summary>
    public bool Allows(string serviceAccount, string verb, string group, string resource, string subresource, string? @namespace) =>
        _rules.Any(r => r.ServiceAccount == serviceAccount
            && (r.Scope == Grant.Cluster || r.Scope == @namespace)
            && r.Rule.Allows(group, resource, subresource, verb));

    /// <summary>Every grant, expanded to one verb on one resource (the rules here name no wildcards).</summary>
    public IReadOnlySet<Grant> Grants() => _rules
        .SelectMany(r => r.Rule.Groups.SelectMany(g => r.Rule.Resources.SelectMany(res => r.Rule.Verbs.Select(v => new Grant(r.ServiceAccount, r.Scope, g, res, v)))))
        .ToHashSet();

    private static List<RbacRule> RulesOf(KubeObject role, IEnumerable<KubeObject> clusterRoles)
    {
        if (role.Get("aggregationRule", "clusterRoleSelectors") is JsonArray selectors)
        {
            var labelSets = selectors.Select(s => ((JsonObject)s!["matchLabels"]!).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>())).ToList();
            return [.. clusterRoles
                .Where(other => labelSets.Any(set => set.All(l => other.GetLabel(l.Key) == l.Value)))
                .SelectMany(other => RulesOf(other, []))];
        }

        return role.Get("rules") is JsonArray rules ? [.. rules.Select(r => RbacRule.Read(r!))] : [];
    }
}
