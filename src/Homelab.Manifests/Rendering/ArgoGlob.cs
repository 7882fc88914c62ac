using System.Text;
using System.Text.RegularExpressions;

namespace Homelab.Manifests.Rendering;

/// <summary>
/// Argo CD's directory include/exclude globs: <c>*</c> and <c>**</c> match any run of characters
/// (including <c>/</c>, since Argo compiles them without separators), <c>?</c> one character,
/// <c>[...]</c> a class, <c>{a,b}</c> alternatives.
/// </summary>
internal sealed class ArgoGlob
{
    private readonly Regex _regex;

    public ArgoGlob(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        // Non-backtracking: a glob comes from a repository, so its match time must stay linear.
        _regex = new Regex("^" + Translate(pattern) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking);
    }

    public bool IsMatch(string path) => _regex.IsMatch(path);

    private static string Translate(string pattern)
    {
        var regex = new StringBuilder();
        var braces = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    regex.Append(".*");
                    break;
                case '?':
                    regex.Append('.');
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }

                    var set = pattern[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                case '{':
                    braces++;
                    regex.Append("(?:");
                    break;
                case '}' when braces > 0:
                    braces--;
                    regex.Append(')');
                    break;
                case ',' when braces > 0:
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
            throw new ManifestException($"glob '{pattern}' has an unclosed '{{'");
        }

        return regex.ToString();
    }
}
