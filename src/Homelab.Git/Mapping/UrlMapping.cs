namespace Homelab.Git.Mapping;

/// <summary>
/// One configured rewrite, bound from a list (<c>Git:UrlMappings:0:From</c> / <c>:To</c>) because a URL
/// cannot be a configuration key: configuration paths are split on ':'.
/// </summary>
public sealed class UrlMapping
{
    /// <summary>The canonical repository URL as written in GitRepository / Application objects.</summary>
    public string From { get; set; } = "";

    /// <summary>Where to fetch it from instead, e.g. <c>file:///home/me/homelab</c>.</summary>
    public string To { get; set; } = "";
}
