namespace Homelab.Manifests.Yaml;

/// <summary>
/// Bounds on what one YAML file may cost to read. They exist so a hostile or broken repository
/// (a billion-laughs document, a generated 1 GiB file, absurd nesting) fails fast with a clear error
/// instead of exhausting the reconciler's memory.
/// </summary>
public sealed record YamlLimits
{
    public static YamlLimits Default { get; } = new();

    /// <summary>Largest file accepted, in bytes (UTF-8).</summary>
    public long MaxFileBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Most YAML documents (<c>---</c> sections) in one file.</summary>
    public int MaxDocuments { get; init; } = 10_000;

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public int MaxDepth { get; init; } = 128;

    /// <summary>
    /// Most nodes that alias expansion (<c>*anchor</c>) may produce in one file. Each alias copies
    /// its anchor's whole subtree, so nested aliases grow exponentially; this caps the total.
    /// </summary>
    public long MaxAliasExpandedNodes { get; init; } = 100_000;
}
