namespace Homelab.Manifests.Objects;

/// <summary>Where an object was read from, so every error can name the file (and line) a user must fix.</summary>
public sealed record SourceLocation(string File, int Line = 0)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
