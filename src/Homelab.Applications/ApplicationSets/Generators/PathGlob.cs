using System.Text;
using System.Text.RegularExpressions;

namespace Homelab.Applications.ApplicationSets.Generators;

/// <summary>
/// Path patterns of the Git generators. Directories use Go's <c>path.Match</c> (what Argo uses): <c>*</c> and
/// <c>?</c> never cross <c>/</c>, <c>[a-z]</c> / <c>[^a-z]</c> classes, <c>\</c> escapes. Files additionally
/// understand <c>**</c> (any number of directories) and <c>{a,b}</c>, like Argo's doublestar file globbing.
/// </summary>
public sealed class PathGlob
{
    private readonly Regex _regex;

    private PathGlob(Regex regex, string pattern)
    {
        _regex = regex;
        Pattern = pattern;
    }

    public string Pattern { get; }

    public static PathGlob ForDirectories(string pattern) => new(Compile(pattern, extended: false), pattern);

    public static PathGlob ForFiles(string pattern) => new(Compile(pattern, extended: true), pattern);

    public bool IsMatch(string path) => _regex.IsMatch(path);

    private static Regex Compile(string pattern, bool extended)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var regex = new StringBuilder("^");
        var braces = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when extended && i + 1 < pattern.Length && pattern[i + 1] == '*':
                    var wholeSegment = (i == 0 || pattern[i - 1] == '/') && i + 2 < pattern.Length && pattern[i + 2] == '/';
                    regex.Append(wholeSegment ? "(?:.*/)?" : ".*");
                    i += wholeSegment ? 2 : 1;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        throw new GeneratorException($"pattern '{pattern}' has an unclosed '['");
                    }

                    var set = pattern[(i + 1)..close];
                    var negated = set.StartsWith('^') || set.StartsWith('!');
                    regex.Append(negated ? "[^/" : "[").Append(Regex.Escape(negated ? set[1..] : set).Replace(@"\-", "-", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                case '{' when extended:
                    braces++;
                    regex.Append("(?:");
                    break;
                case '}' when extended && braces > 0:
                    braces--;
                    regex.Append(')');
                    break;
                case ',' when extended && braces > 0:
                    regex.Append('|');
                    break;
                case '\\' when i + 1 < pattern.Length:
                    regex.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (braces > 0)
        {
            throw new GeneratorException($"pattern '{pattern}' has an unclosed '{{'");
        }

        // Non-backtracking: patterns come from users, so matching must stay linear.
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }
}
