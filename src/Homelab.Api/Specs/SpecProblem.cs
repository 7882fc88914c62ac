namespace Homelab.Api.Specs;

/// <summary>One problem with a field, addressed by its path in the object (<c>spec.dependsOn[0].name</c>).</summary>
public sealed record SpecProblem(string Path, string Message, SpecProblemKind Kind)
{
    public override string ToString() => $"{Path}: {Message}";
}
