using System.Collections.Immutable;

namespace Homelab.DevCluster.Discovery;

/// <summary>
/// Every resource this server serves: the built-ins plus what established CRDs add. Readers get an
/// immutable snapshot, so discovery and routing never see a half-registered CRD.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private ImmutableList<ResourceType> _types;

    public ResourceRegistry()
    {
        _types = [.. BuiltInResources.Create()];
    }

    public IReadOnlyList<ResourceType> All => _types;

    /// <summary>Bumped on every change; discovery documents embed it so kubectl's cache notices.</summary>
    public int Generation { get; private set; }

    public ResourceType? Find(string group, string version, string resource) =>
        _types.FirstOrDefault(t => t.Group == group && t.Version == version && t.Resource == resource);

    public ResourceType? FindByKind(string group, string version, string kind) =>
        _types.FirstOrDefault(t => t.Group == group && t.Version == version && t.Kind == kind);

    public ResourceType? FindAnyVersion(string group, string resource) =>
        _types.FirstOrDefault(t => t.Group == group && t.Resource == resource);

    public bool ServesGroupVersion(string group, string version) =>
        _types.Any(t => t.Group == group && t.Version == version);

    /// <summary>Group names in the order discovery lists them (core first, then by registration).</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups() =>
        _types.Where(t => t.Group.Length > 0)
            .GroupBy(t => t.Group)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(t => t.Version).Distinct().ToList()))
            .ToList();

    /// <summary>Replaces the resources a CRD serves (all its versions) with <paramref name="types"/>.</summary>
    public void SetCustom(string group, string resource, IReadOnlyList<ResourceType> types)
    {
        lock (_gate)
        {
            _types = _types.RemoveAll(t => t.IsCustom && t.Group == group && t.Resource == resource).AddRange(types);
            Generation++;
        }
    }
}
