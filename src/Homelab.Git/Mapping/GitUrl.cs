using System.Text.RegularExpressions;

namespace Homelab.Git.Mapping;

/// <summary>Helpers for repository URLs: comparing them loosely, scrubbing credentials, telling transports apart.</summary>
public static partial class GitUrl
{
    /// <summary>
    /// A comparison key that ignores scheme, user, case of the host, a trailing slash and <c>.git</c>,
    /// so <c>https://github.com/Org/repo</c>, <c>https://github.com/Org/repo.git</c> and
    /// <c>git@github.com:Org/repo.git</c> are the same repository. Paths stay case-sensitive.
    /// </summary>
    public static string Key(string url)
    {
        var text = url.Trim();
        string host;
        string path;
        var scp = ScpLike().Match(text);
        if (scp.Success)
        {
            host = scp.Groups["host"].Value;
            path = scp.Groups["path"].Value;
        }
        else if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            host = uri.IsDefaultPort || uri.Scheme is "ssh" or "git" ? uri.Host : $"{uri.Host}:{uri.Port}";
            path = uri.AbsolutePath;
        }
        else if (Uri.TryCreate(text, UriKind.Absolute, out var file) && file.IsFile)
        {
            host = "file";
            path = file.LocalPath;
        }
        else
        {
            host = "";
            path = text;
        }

        path = path.TrimEnd('/');
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^4];
        }

        return host.ToLowerInvariant() + "/" + path.TrimStart('/');
    }

    /// <summary>Removes any <c>user:password@</c> from a URL so it can go in logs, status and errors.</summary>
    public static string Scrub(string url) => UserInfo().Replace(url, "${scheme}");

    /// <summary>Scrubs URLs with userinfo anywhere in free text (e.g. a libgit2 error message).</summary>
    public static string ScrubText(string text, IEnumerable<string> secrets)
    {
        var result = UserInfo().Replace(text, "${scheme}");
        foreach (var secret in secrets)
        {
            result = result.Replace(secret, "***", StringComparison.Ordinal);
        }

        return result;
    }

    public static bool IsSsh(string url) =>
        url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("git+ssh://", StringComparison.OrdinalIgnoreCase)
        || ScpLike().IsMatch(url);

    public static bool IsHttp(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(?:(?<user>[^@/]+)@)?(?<host>[^:/]+):(?!//)(?<path>[^\\].*)$")]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@")]
    private static partial Regex UserInfo();
}
