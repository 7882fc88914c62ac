namespace Homelab.DevCluster.Discovery;

/// <summary>One served resource: what discovery advertises and what the handlers need to know about it.</summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Resource,
    string Singular,
    string Kind,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    bool HasStatus,
    bool TracksGeneration,
    bool IsCustom)
{
    public static readonly IReadOnlyList<string> AllVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string GroupVersion => ApiVersion;

    public string ListKind => Kind + "List";

    /// <summary>How errors name the resource: <c>configmaps</c>, <c>deployments.apps</c>.</summary>
    public string QualifiedResource => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    /// <summary>The storage key; versions of one group share objects.</summary>
    public string StorageKey => $"{Group}/{Resource}";
}
