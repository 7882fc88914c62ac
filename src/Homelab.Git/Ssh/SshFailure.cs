using Homelab.Git.Credentials;
using Homelab.Git.Mapping;
using LibGit2Sharp;

namespace Homelab.Git.Ssh;

/// <summary>
/// Explains a failed SSH operation from what ssh wrote to standard error: libgit2 itself only says
/// "could not read refs from remote repository". Secret values are scrubbed from anything quoted.
/// </summary>
internal static class SshFailure
{
    public static GitSourceException Translate(string operation, string url, string sshLog, LibGit2SharpException error, GitCredentials credentials)
    {
        var what = $"{operation} '{GitUrl.Scrub(url)}' failed";
        if (Contains(sshLog, "Host key verification failed") || Contains(sshLog, "REMOTE HOST IDENTIFICATION HAS CHANGED") || Contains(sshLog, "host key is known"))
        {
            return new GitSourceException(
                GitFailureReason.AuthenticationFailed,
                $"{what}: the server's SSH host key is not in known_hosts (unknown or changed host keys are refused)");
        }

        if (Contains(sshLog, "Load key") || Contains(sshLog, "incorrect passphrase") || Contains(sshLog, "invalid format"))
        {
            return new GitSourceException(
                GitFailureReason.AuthenticationFailed,
                $"{what}: the SSH private key could not be loaded (invalid key, or a wrong or missing passphrase)");
        }

        if (Contains(sshLog, "Permission denied"))
        {
            // ssh cannot tell a wrong passphrase from a refused key: an undecryptable key is just never offered.
            var orPassphrase = credentials.SshPassphrase is null ? "" : " (or the key's passphrase is wrong)";
            return new GitSourceException(GitFailureReason.AuthenticationFailed, $"{what}: authentication failed: the server refused the SSH key{orPassphrase}");
        }

        var lastLine = sshLog.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return lastLine is null
            ? Fetching.LibGit2Errors.Translate(error, operation, url, credentials)
            : new GitSourceException(GitFailureReason.Transport, $"{what}: {GitUrl.ScrubText(lastLine, credentials.SecretValues())}");
    }

    private static bool Contains(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);
}
