using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Homelab.Applications.ApplicationSets.Templates;

/// <summary>Argo's name helpers: <c>normalize</c> (also <c>path.basenameNormalized</c>) and <c>slugify</c>.</summary>
public static partial class NameNormalizer
{
    private const int MaxDnsNameLength = 253;

    /// <summary>Lower case, every character outside <c>[-a-z0-9.]</c> becomes <c>-</c>, at most 253 characters, no leading or trailing <c>-</c> or <c>.</c>.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = InvalidDnsCharacters().Replace(name.ToLowerInvariant(), "-");
        if (lower.Length > MaxDnsNameLength)
        {
            lower = lower[..MaxDnsNameLength];
        }

        return lower.Trim('-', '.');
    }

    /// <summary>
    /// A URL-style slug: accents dropped, lower case, runs of other characters become one <c>-</c>; longer
    /// than <paramref name="maxSize"/> it is cut, at a <c>-</c> boundary when <paramref name="smartTruncate"/>.
    /// </summary>
    public static string Slugify(string name, int maxSize = 50, bool smartTruncate = true)
    {
        ArgumentNullException.ThrowIfNull(name);
        var plain = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(c);
            }
        }

        var slug = NonSlugCharacters().Replace(plain.ToString().ToLowerInvariant(), "-").Trim('-', '_');
        if (slug.Length <= maxSize)
        {
            return slug;
        }

        if (!smartTruncate)
        {
            return slug[..maxSize];
        }

        var truncated = new StringBuilder();
        foreach (var word in slug.Split('-'))
        {
            var extra = truncated.Length == 0 ? word.Length : word.Length + 1;
            if (truncated.Length + extra > maxSize)
            {
                break;
            }

            truncated.Append(truncated.Length == 0 ? "" : "-").Append(word);
        }

        return truncated.Length > 0 ? truncated.ToString() : slug[..maxSize];
    }

    [GeneratedRegex("[^-a-z0-9.]")]
    private static partial Regex InvalidDnsCharacters();

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NonSlugCharacters();
}
