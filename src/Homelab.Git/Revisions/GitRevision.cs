using System.Diagnostics.CodeAnalysis;

namespace Homelab.Git.Revisions;

/// <summary>
/// A revision in Flux's format: <c>&lt;short ref&gt;@sha1:&lt;40 hex&gt;</c>, or <c>sha1:&lt;hex&gt;</c> for a bare
/// commit. The commit SHA is what identifies content; the ref name is for people reading status.
/// </summary>
public sealed record GitRevision
{
    private const string Sha1Prefix = "sha1:";

    public GitRevision(string? refName, string sha)
    {
        if (!IsSha(sha))
        {
            throw new ArgumentException($"'{sha}' is not a 40-character hexadecimal commit SHA.", nameof(sha));
        }

        RefName = string.IsNullOrEmpty(refName) ? null : refName;
        Sha = sha.ToLowerInvariant();
    }

    /// <summary>Short ref (<c>main</c>, <c>v1.2.0</c>) or full name for <c>ref.name</c>; null for a pinned commit.</summary>
    public string? RefName { get; }

    public string Sha { get; }

    public string ShortSha => Sha[..8];

    public override string ToString() => RefName is null ? Sha1Prefix + Sha : $"{RefName}@{Sha1Prefix}{Sha}";

    /// <summary>True when both name the same commit, whatever ref led to it.</summary>
    public bool SameCommit(GitRevision? other) => other is not null && other.Sha == Sha;

    public static GitRevision Parse(string text) =>
        TryParse(text, out var revision)
            ? revision
            : throw new FormatException($"'{text}' is not a revision like 'main@sha1:<40 hex>' or 'sha1:<40 hex>'.");

    public static bool TryParse(string? text, [NotNullWhen(true)] out GitRevision? revision)
    {
        revision = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        string? refName = null;
        var hashPart = text;
        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            refName = text[..at];
            hashPart = text[(at + 1)..];
            if (refName.Length == 0)
            {
                return false;
            }
        }

        if (!hashPart.StartsWith(Sha1Prefix, StringComparison.Ordinal) || !IsSha(hashPart[Sha1Prefix.Length..]))
        {
            return false;
        }

        revision = new GitRevision(refName, hashPart[Sha1Prefix.Length..]);
        return true;
    }

    public static bool IsSha(string? text) =>
        text is { Length: 40 } && text.All(char.IsAsciiHexDigit);
}
