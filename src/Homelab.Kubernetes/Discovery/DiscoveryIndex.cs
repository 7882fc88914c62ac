namespace Homelab.Kubernetes.Discovery;

/// <summary>An immutable lookup built from one discovery load; swapped whole on refresh so readers never lock.</summary>
internal sealed class DiscoveryIndex
{
    private readonly Dictionary<(string Group, string Version, string Kind), ResourceType> _byVersion = [];

    /// <param name="types">In preference order: the first type seen for a (group, kind) is its preferred version.</param>
    public DiscoveryIndex(IEnumerable<ResourceType> types)
    {
        foreach (var type in types)
        {
            Preferred.TryAdd((type.Group, type.Kind), type);
            _byVersion.TryAdd((type.Group, type.Version, type.Kind), type);
        }
    }

    public Dictionary<(string Group, string Kind), ResourceType> Preferred { get; } = [];

    public bool TryFind(string group, string kind, string? version, out ResourceType type) =>
        version is null
            ? Preferred.TryGetValue((group, kind), out type!)
            : _byVersion.TryGetValue((group, version, kind), out type!);
}
