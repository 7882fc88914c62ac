namespace Homelab.Api.Argo;

/// <summary>What an AppProject permits: source repositories and destinations (globs), and which kinds may be deployed.</summary>
public sealed record AppProjectSpec(
    string? Description,
    IReadOnlyList<string> SourceRepos,
    IReadOnlyList<ApplicationDestination> Destinations,
    IReadOnlyList<GroupKind> ClusterResourceWhitelist,
    IReadOnlyList<GroupKind> ClusterResourceBlacklist,
    IReadOnlyList<GroupKind> NamespaceResourceWhitelist,
    IReadOnlyList<GroupKind> NamespaceResourceBlacklist);

/// <summary>A group and kind, either may be the glob <c>*</c>; the core group is empty.</summary>
public sealed record GroupKind(string Group, string Kind);
