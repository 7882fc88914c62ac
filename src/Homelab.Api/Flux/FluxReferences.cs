namespace Homelab.Api.Flux;

/// <summary>A reference to a source or chart object, in the object's own namespace unless one is given.</summary>
public sealed record SourceReference(string Kind, string Name, string Namespace);

/// <summary>An object that must be Ready first (<c>dependsOn</c>); the namespace defaults to the dependent's own.</summary>
public sealed record DependencyReference(string Name, string Namespace)
{
    public override string ToString() => $"{Namespace}/{Name}";
}
