using System.Text.Json.Nodes;

namespace Homelab.Deployment.Tests.Rbac;

/// <summary>One PolicyRule of a Role or ClusterRole, matched as the API server does (<c>*</c> wildcards; resourceNames ignored).</summary>
internal sealed record RbacRule(IReadOnlyList<string> Groups, IReadOnlyList<string> Resources, IReadOnlyList<string> Verbs)
{
    public static RbacRule Read(JsonNode rule) => new(Strings(rule["apiGroups"]), Strings(rule["resources"]), Strings(rule["verbs"]));

    public bool Allows(string group, string resource, string subresource, string verb)
    {
        var full = subresource.Length == 0 ? resource : $"{resource}/{subresource}";
        return (Groups.Contains("*") || Groups.Contains(group))
            && (Verbs.Contains("*") || Verbs.Contains(verb))
            && (Resources.Contains("*") || Resources.Contains(full) || (subresource.Length > 0 && Resources.Contains($"{resource}/*")));
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];
}
