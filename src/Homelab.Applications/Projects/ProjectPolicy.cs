using Homelab.Api.Argo;
using Homelab.Git.Mapping;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Projects;

/// <summary>
/// What an AppProject permits, with Argo CD's messages: source repositories, destinations (globs; a
/// destination pattern starting with <c>!</c> denies), and cluster / namespaced kinds (allow and deny lists).
/// </summary>
public sealed class ProjectPolicy(string name, AppProjectSpec spec)
{
    /// <summary>Argo's built-in <c>default</c> project: every repository, destination and kind.</summary>
    public static ProjectPolicy PermitAll(string name) => new(name, new AppProjectSpec(
        "built-in default project", ["*"], [new ApplicationDestination("*", null, "*")], [new GroupKind("*", "*")], [], [], []));

    public string Name { get; } = name;

    public string? CheckSource(string repoUrl) =>
        spec.SourceRepos.Any(pattern => pattern == "*" || GitUrl.Key(pattern) == GitUrl.Key(repoUrl) || ProjectGlob.Matches(pattern, repoUrl))
            ? null
            : $"application repo {repoUrl} is not permitted in project '{Name}'";

    /// <param name="server">The destination's server URL, resolved from its name when only the name was given.</param>
    public string? CheckDestination(string server, string clusterName, string? @namespace)
    {
        var allowed = false;
        foreach (var destination in spec.Destinations)
        {
            var serverMatch = destination.Server is { Length: > 0 } s ? Match(s, server) : destination.Name is { Length: > 0 } n ? Match(n, clusterName) : (bool?)null;
            var namespaceMatch = Match(destination.Namespace ?? "*", @namespace ?? "");
            if (serverMatch is null)
            {
                continue;
            }

            // A negated pattern that matches denies outright, whatever else allows it.
            if ((IsNegated(destination.Server ?? destination.Name) && serverMatch == false) || (IsNegated(destination.Namespace) && namespaceMatch == false))
            {
                return Denied();
            }

            allowed |= serverMatch == true && namespaceMatch == true;
        }

        return allowed ? null : Denied();

        string Denied() =>
            $"application destination server '{server}' and namespace '{@namespace}' do not match any of the allowed destinations in project '{Name}'";
    }

    /// <summary>Null when the kind may be deployed; otherwise Argo's "resource … is not permitted" message.</summary>
    public string? CheckResource(ObjectId id, bool namespaced)
    {
        var permitted = namespaced
            ? !Listed(spec.NamespaceResourceBlacklist, id) && (spec.NamespaceResourceWhitelist.Count == 0 || Listed(spec.NamespaceResourceWhitelist, id))
            : !Listed(spec.ClusterResourceBlacklist, id) && Listed(spec.ClusterResourceWhitelist, id);
        return permitted ? null : $"resource {id.Group}:{id.Kind} is not permitted in project {Name}";
    }

    private static bool Listed(IReadOnlyList<GroupKind> list, ObjectId id) =>
        list.Any(gk => ProjectGlob.Matches(gk.Group, id.Group) && ProjectGlob.Matches(gk.Kind, id.Kind));

    private static bool IsNegated(string? pattern) => pattern is { Length: > 1 } && pattern[0] == '!';

    /// <summary>True/false for a match; a negated pattern reports false when its inner pattern matches.</summary>
    private static bool Match(string pattern, string value) =>
        IsNegated(pattern) ? !ProjectGlob.Matches(pattern[1..], value) : ProjectGlob.Matches(pattern, value);
}
