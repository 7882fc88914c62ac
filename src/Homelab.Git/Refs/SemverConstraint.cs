using System.Diagnostics.CodeAnalysis;
using NuGet.Versioning;

namespace Homelab.Git.Refs;

/// <summary>
/// A semver range in the Masterminds syntax Flux and Argo CD use: comparators (<c>=</c>, <c>!=</c>,
/// <c>&gt;</c>, <c>&lt;</c>, <c>&gt;=</c>, <c>&lt;=</c>), <c>~</c>, <c>^</c>, wildcards (<c>1.2.x</c>, <c>*</c>),
/// hyphen ranges (<c>1.2 - 1.4</c>), AND by space or comma and OR by <c>||</c>.
/// Pre-releases match only when the constraint itself names one, as in Masterminds.
/// </summary>
public sealed class SemverConstraint
{
    private readonly IReadOnlyList<IReadOnlyList<Comparator>> _alternatives;
    private readonly bool _allowPrerelease;

    private SemverConstraint(string text, IReadOnlyList<IReadOnlyList<Comparator>> alternatives, bool allowPrerelease)
    {
        Text = text;
        _alternatives = alternatives;
        _allowPrerelease = allowPrerelease;
    }

    public string Text { get; }

    /// <summary>True when the constraint is one exact version (<c>1.2.3</c>), i.e. not really a range.</summary>
    public bool IsExactVersion { get; private init; }

    public static SemverConstraint Parse(string text) =>
        TryParse(text, out var constraint, out var error)
            ? constraint
            : throw new GitSourceException(GitFailureReason.InvalidReference, $"invalid semver range '{text}': {error}");

    public static bool TryParse(string? text, [NotNullWhen(true)] out SemverConstraint? constraint, out string error)
    {
        constraint = null;
        error = "empty constraint";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var alternatives = new List<IReadOnlyList<Comparator>>();
        var exact = false;
        foreach (var part in text.Split("||"))
        {
            if (!TryParseConjunction(part, out var comparators, out exact, out error))
            {
                return false;
            }

            alternatives.Add(comparators);
        }

        constraint = new SemverConstraint(text.Trim(), alternatives, text.Contains('-') && !text.Contains(" - ", StringComparison.Ordinal))
        {
            IsExactVersion = alternatives.Count == 1 && exact,
        };
        return true;
    }

    public bool IsSatisfiedBy(NuGetVersion version)
    {
        if (version.IsPrerelease && !_allowPrerelease)
        {
            return false;
        }

        return _alternatives.Any(all => all.All(c => c.Matches(version)));
    }

    /// <summary>Parses a tag as a version the way Flux does: an optional leading <c>v</c>, then semver.</summary>
    public static bool TryParseTagVersion(string tag, [NotNullWhen(true)] out NuGetVersion? version)
    {
        var text = tag.StartsWith('v') || tag.StartsWith('V') ? tag[1..] : tag;
        return NuGetVersion.TryParse(text, out version) && !version.IsLegacyVersion && version.Revision == 0;
    }

    private static bool TryParseConjunction(string text, out IReadOnlyList<Comparator> comparators, out bool exact, out string error)
    {
        var result = new List<Comparator>();
        comparators = result;
        exact = false;
        error = "";
        var tokens = Tokenize(text);
        if (tokens.Count == 0)
        {
            error = "empty alternative";
            return false;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (i + 2 < tokens.Count && tokens[i + 1] == "-")
            {
                if (!PartialVersion.TryParse(tokens[i], out var low) || !PartialVersion.TryParse(tokens[i + 2], out var high))
                {
                    error = $"'{tokens[i]} - {tokens[i + 2]}' is not a version range";
                    return false;
                }

                result.Add(new Comparator(Op.GreaterOrEqual, low.Floor()));
                result.Add(high.IsComplete ? new Comparator(Op.LessOrEqual, high.Floor()) : new Comparator(Op.Less, high.NextAtPrecision()));
                i += 2;
                continue;
            }

            if (!TryParseComparator(tokens[i], result, out var isExact, out error))
            {
                return false;
            }

            exact = tokens.Count == 1 && isExact;
        }

        return true;
    }

    private static List<string> Tokenize(string text)
    {
        // Operators may be separated from their version by spaces (">= 1.0"): glue them back on.
        var raw = text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        var tokens = new List<string>();
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i].All(c => c is '<' or '>' or '=' or '!' or '~' or '^') && i + 1 < raw.Length)
            {
                tokens.Add(raw[i] + raw[++i]);
            }
            else
            {
                tokens.Add(raw[i]);
            }
        }

        return tokens;
    }

    private static bool TryParseComparator(string token, List<Comparator> into, out bool exact, out string error)
    {
        exact = false;
        error = "";
        var opText = new string(token.TakeWhile(c => c is '<' or '>' or '=' or '!' or '~' or '^').ToArray());
        var versionText = token[opText.Length..];
        if (!PartialVersion.TryParse(versionText, out var v))
        {
            error = $"'{versionText}' is not a version";
            return false;
        }

        switch (opText)
        {
            case "" or "=" or "==":
                if (v.IsComplete)
                {
                    exact = true;
                    into.Add(new Comparator(Op.Equal, v.Floor()));
                }
                else if (v.Major is not null)
                {
                    into.Add(new Comparator(Op.GreaterOrEqual, v.Floor()));
                    into.Add(new Comparator(Op.Less, v.NextAtPrecision()));
                }

                return true;
            case "!=":
                into.Add(new Comparator(Op.NotEqual, v.Floor()));
                return true;
            case ">":
                into.Add(v.IsComplete ? new Comparator(Op.Greater, v.Floor()) : new Comparator(Op.GreaterOrEqual, v.NextAtPrecision()));
                return true;
            case ">=" or "=>":
                into.Add(new Comparator(Op.GreaterOrEqual, v.Floor()));
                return true;
            case "<":
                into.Add(new Comparator(Op.Less, v.Floor()));
                return true;
            case "<=" or "=<":
                into.Add(v.IsComplete ? new Comparator(Op.LessOrEqual, v.Floor()) : new Comparator(Op.Less, v.NextAtPrecision()));
                return true;
            case "~" or "~>":
                into.Add(new Comparator(Op.GreaterOrEqual, v.Floor()));
                into.Add(new Comparator(Op.Less, v.Minor is null
                    ? new NuGetVersion(v.Major.GetValueOrDefault() + 1, 0, 0)
                    : new NuGetVersion(v.Major.GetValueOrDefault(), v.Minor.Value + 1, 0)));
                return true;
            case "^":
                into.Add(new Comparator(Op.GreaterOrEqual, v.Floor()));
                into.Add(new Comparator(Op.Less, v.CaretCeiling()));
                return true;
            default:
                error = $"unknown operator '{opText}'";
                return false;
        }
    }

    private enum Op
    {
        Equal,
        NotEqual,
        Greater,
        GreaterOrEqual,
        Less,
        LessOrEqual,
    }

    private readonly record struct Comparator(Op Op, NuGetVersion Version)
    {
        public bool Matches(NuGetVersion candidate)
        {
            var c = VersionComparer.VersionRelease.Compare(candidate, Version);
            return Op switch
            {
                Op.Equal => c == 0,
                Op.NotEqual => c != 0,
                Op.Greater => c > 0,
                Op.GreaterOrEqual => c >= 0,
                Op.Less => c < 0,
                _ => c <= 0,
            };
        }
    }

    /// <summary>A version whose trailing parts may be missing or wildcards (<c>1</c>, <c>1.2</c>, <c>1.x</c>, <c>*</c>).</summary>
    private sealed record PartialVersion(int? Major, int? Minor, int? Patch, string? Prerelease)
    {
        public bool IsComplete => Patch is not null;

        public static bool TryParse(string text, [NotNullWhen(true)] out PartialVersion? version)
        {
            version = null;
            if (text.StartsWith('v') || text.StartsWith('V'))
            {
                text = text[1..];
            }

            string? prerelease = null;
            var dash = text.IndexOf('-');
            if (dash > 0)
            {
                prerelease = text[(dash + 1)..];
                text = text[..dash];
            }

            var plus = text.IndexOf('+');
            if (plus > 0)
            {
                text = text[..plus];
            }

            var parts = text.Split('.');
            if (parts.Length is 0 or > 3)
            {
                return false;
            }

            var numbers = new int?[3];
            for (var i = 0; i < parts.Length; i++)
            {
                if (parts[i] is "x" or "X" or "*")
                {
                    break;
                }

                if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                {
                    return false;
                }

                numbers[i] = n;
            }

            version = new PartialVersion(numbers[0], numbers[1], numbers[0] is null || numbers[1] is null ? null : numbers[2], prerelease);
            return true;
        }

        public NuGetVersion Floor() => new(
            Major.GetValueOrDefault(),
            Minor.GetValueOrDefault(),
            Patch.GetValueOrDefault(),
            Prerelease is null ? [] : Prerelease.Split('.'),
            null);

        /// <summary>The first version above every version this partial one stands for (<c>1.2</c> → 1.3.0).</summary>
        public NuGetVersion NextAtPrecision() =>
            Major is null ? new NuGetVersion(int.MaxValue, 0, 0)
            : Minor is null ? new NuGetVersion(Major.Value + 1, 0, 0)
            : Patch is null ? new NuGetVersion(Major.Value, Minor.Value + 1, 0)
            : new NuGetVersion(Major.Value, Minor.Value, Patch.Value + 1);

        /// <summary>Caret keeps the left-most non-zero part fixed: ^1.2 → &lt;2.0.0, ^0.2 → &lt;0.3.0, ^0.0.3 → &lt;0.0.4.</summary>
        public NuGetVersion CaretCeiling()
        {
            var major = Major.GetValueOrDefault();
            if (major > 0 || Minor is null)
            {
                return new NuGetVersion(major + 1, 0, 0);
            }

            if (Minor.Value > 0 || Patch is null)
            {
                return new NuGetVersion(0, Minor.Value + 1, 0);
            }

            return new NuGetVersion(0, 0, Patch.Value + 1);
        }
    }
}
