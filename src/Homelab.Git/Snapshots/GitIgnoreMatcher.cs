using System.Text;
using System.Text.RegularExpressions;

namespace Homelab.Git.Snapshots;

/// <summary>
/// A gitignore-syntax matcher for Flux's <c>spec.ignore</c>: blank lines and <c>#</c> comments, <c>!</c>
/// negation (last match wins), trailing <c>/</c> for directories only, a leading or inner <c>/</c>
/// anchoring the pattern to the root, <c>*</c>, <c>?</c>, <c>[…]</c> and <c>**</c>. Paths are relative,
/// with <c>/</c> separators. As in git, nothing under an excluded directory can be re-included:
/// callers walk top-down and skip excluded directories.
/// </summary>
public sealed class GitIgnoreMatcher
{
    private readonly IReadOnlyList<Rule> _rules;

    private GitIgnoreMatcher(IReadOnlyList<Rule> rules) => _rules = rules;

    public static GitIgnoreMatcher Empty { get; } = new([]);

    /// <summary>
    /// Flux's default exclusions, used when <c>spec.ignore</c> is not set: VCS metadata, CI configs and
    /// common binary formats that never hold manifests.
    /// </summary>
    public static GitIgnoreMatcher FluxDefaults { get; } = Parse("""
        .git/
        .gitignore
        .gitmodules
        .gitattributes
        *.jpg
        *.jpeg
        *.gif
        *.png
        *.wmv
        *.flv
        *.tar.gz
        *.zip
        .github/
        .circleci/
        .travis.yml
        .gitlab-ci.yml
        appveyor.yml
        .drone.yml
        cloudbuild.yaml
        codeship-services.yml
        codeship-steps.yml
        **/.goreleaser.yml
        **/.sops.yaml
        **/.flux.yaml
        """);

    public static GitIgnoreMatcher Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Empty : new GitIgnoreMatcher(ParseRules(text, ""));

    /// <summary>
    /// Adds the rules of a <c>.sourceignore</c> file found in <paramref name="directory"/> (relative,
    /// <c>/</c>-separated, "" for the root): they apply below that directory only, relative to it,
    /// and come after the existing rules, so they win where both match.
    /// </summary>
    public GitIgnoreMatcher Extend(string? text, string directory)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return this;
        }

        return new GitIgnoreMatcher([.. _rules, .. ParseRules(text, directory.Length == 0 ? "" : directory.TrimEnd('/') + "/")]);
    }

    private static List<Rule> ParseRules(string text, string baseDirectory)
    {
        var rules = new List<Rule>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            line = TrimUnescapedTrailingSpaces(line);
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var negate = line.StartsWith('!');
            if (negate)
            {
                line = line[1..];
            }
            else if (line.StartsWith("\\!", StringComparison.Ordinal) || line.StartsWith("\\#", StringComparison.Ordinal))
            {
                line = line[1..];
            }

            var directoryOnly = line.EndsWith('/');
            line = line.TrimEnd('/');
            if (line.Length == 0)
            {
                continue;
            }

            var anchored = line.Contains('/');
            line = line.TrimStart('/');
            var pattern = (anchored ? "^" : "^(?:.*/)?") + Translate(line) + "$";
            rules.Add(new Rule(new Regex(pattern, RegexOptions.CultureInvariant), negate, directoryOnly, baseDirectory));
        }

        return rules;
    }

    /// <summary>True when <paramref name="relativePath"/> is excluded (its parents are checked by the walker).</summary>
    public bool IsIgnored(string relativePath, bool isDirectory)
    {
        var ignored = false;
        foreach (var rule in _rules)
        {
            if ((!rule.DirectoryOnly || isDirectory)
                && relativePath.StartsWith(rule.BaseDirectory, StringComparison.Ordinal)
                && rule.Pattern.IsMatch(relativePath[rule.BaseDirectory.Length..]))
            {
                ignored = !rule.Negate;
            }
        }

        return ignored;
    }

    private static string TrimUnescapedTrailingSpaces(string line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] == ' ' && !(end > 1 && line[end - 2] == '\\'))
        {
            end--;
        }

        return line[..end];
    }

    private static string Translate(string glob)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    var atStart = i == 0 || glob[i - 1] == '/';
                    var atEnd = i + 2 == glob.Length;
                    var beforeSlash = i + 2 < glob.Length && glob[i + 2] == '/';
                    if (atStart && beforeSlash)
                    {
                        regex.Append("(?:.*/)?");
                        i += 2;
                    }
                    else if (atStart && atEnd)
                    {
                        regex.Append(".*");
                        i += 1;
                    }
                    else
                    {
                        regex.Append("[^/]*");
                        i += 1;
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 2);
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }

                    var body = glob[(i + 1)..close];
                    if (body.StartsWith('!'))
                    {
                        body = "^" + body[1..];
                    }

                    regex.Append('[').Append(body.Replace("\\", @"\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                case '\\' when i + 1 < glob.Length:
                    regex.Append(Regex.Escape(glob[++i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.ToString();
    }

    private sealed record Rule(Regex Pattern, bool Negate, bool DirectoryOnly, string BaseDirectory);
}
