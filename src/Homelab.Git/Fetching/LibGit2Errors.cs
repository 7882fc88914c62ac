using Homelab.Git.Credentials;
using Homelab.Git.Mapping;
using LibGit2Sharp;

namespace Homelab.Git.Fetching;

/// <summary>Turns libgit2 failures into <see cref="GitSourceException"/>s with scrubbed, user-facing messages.</summary>
internal static class LibGit2Errors
{
    public static GitSourceException Translate(Exception error, string operation, string url, GitCredentials credentials)
    {
        var detail = GitUrl.ScrubText(error.Message, credentials.SecretValues());
        var what = $"{operation} '{GitUrl.Scrub(url)}'";
        var lower = detail.ToLowerInvariant();
        if (lower.Contains("401") || lower.Contains("403") || lower.Contains("authentication") || lower.Contains("credentials"))
        {
            return new GitSourceException(GitFailureReason.AuthenticationFailed, $"{what} failed: authentication failed ({detail})");
        }

        if (error is NotFoundException || lower.Contains("404") || lower.Contains("not found") && lower.Contains("repository"))
        {
            return new GitSourceException(GitFailureReason.Transport, $"{what} failed: repository not found ({detail})");
        }

        // Only the scrubbed text travels on: the original exception may carry a URL with userinfo.
        return new GitSourceException(GitFailureReason.Transport, $"{what} failed: {detail}");
    }
}
