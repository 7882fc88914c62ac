namespace Homelab.Kubernetes.Discovery;

/// <summary>What discovery says about one kind at one version: its plural resource name, scope and verbs.</summary>
public sealed record ResourceType(string Group, string Version, string Kind, string Plural, bool Namespaced, IReadOnlyList<string> Verbs)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection path for a namespace (ignored when cluster-scoped), relative to the server root.</summary>
    public string CollectionPath(string? @namespace)
    {
        var root = Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
        return Namespaced && @namespace is not null ? $"{root}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}" : $"{root}/{Plural}";
    }

    public string ObjectPath(string? @namespace, string name) => $"{CollectionPath(@namespace)}/{Uri.EscapeDataString(name)}";

    public bool Supports(string verb) => Verbs.Contains(verb, StringComparer.Ordinal);

    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
