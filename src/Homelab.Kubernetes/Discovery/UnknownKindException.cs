namespace Homelab.Kubernetes.Discovery;

/// <summary>Discovery has no resource for a kind: usually its CRD is not installed (yet).</summary>
public sealed class UnknownKindException(string group, string kind, string? version)
    : Exception($"no resource for kind {kind} in group {(group.Length == 0 ? "\"\" (core)" : group)}{(version is null ? "" : $" at version {version}")}: is its CRD installed?")
{
    public string Group { get; } = group;

    public string Kind { get; } = kind;
}
