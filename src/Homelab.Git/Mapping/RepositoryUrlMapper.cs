namespace Homelab.Git.Mapping;

/// <summary>
/// Rewrites canonical repository URLs to other locations from configuration — AppHost's dev mode maps
/// the example's GitHub URL to this checkout (<c>file:///…</c>) so changes are served without a push.
/// Matching uses <see cref="GitUrl.Key"/>, so <c>.git</c> suffixes, trailing slashes and scheme do not matter.
/// </summary>
public sealed class RepositoryUrlMapper
{
    private readonly Dictionary<string, string> _byKey;

    public RepositoryUrlMapper(IEnumerable<UrlMapping> mappings)
    {
        _byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            var (canonical, target) = (mapping.From, mapping.To);
            if (string.IsNullOrWhiteSpace(canonical) || string.IsNullOrWhiteSpace(target))
            {
                throw new ArgumentException("a repository URL mapping needs both a canonical URL and a target", nameof(mappings));
            }

            if (!_byKey.TryAdd(GitUrl.Key(canonical), target.Trim()))
            {
                throw new ArgumentException($"repository URL '{GitUrl.Scrub(canonical)}' is mapped twice", nameof(mappings));
            }
        }
    }

    public static RepositoryUrlMapper None { get; } = new([]);

    /// <summary>The URL to fetch from: the mapped target, or <paramref name="url"/> itself when unmapped.</summary>
    public string Map(string url) => _byKey.GetValueOrDefault(GitUrl.Key(url)) ?? url;

    public bool IsMapped(string url) => _byKey.ContainsKey(GitUrl.Key(url));
}
