using Homelab.Git.Mapping;
using LibGit2Sharp;

namespace Homelab.Git.Fetching;

/// <summary>
/// What the native libgit2 in this build can speak. LibGit2Sharp's bundled libgit2 is built without
/// libssh2, so SSH URLs fail up front with a clear message instead of an obscure native error.
/// </summary>
public static class TransportSupport
{
    public static bool SshSupported => GlobalSettings.Version.Features.HasFlag(BuiltInFeatures.Ssh);

    public static void EnsureSupported(string url)
    {
        // Even with an SSH-enabled libgit2, LibGit2Sharp exposes no in-memory key credential or
        // host-key callback we could tie to known_hosts, so SSH is refused rather than run unverified.
        if (GitUrl.IsSsh(url))
        {
            throw new GitSourceException(
                GitFailureReason.UnsupportedTransport,
                $"cannot fetch '{GitUrl.Scrub(url)}': SSH transport not supported by this build; use HTTPS with a token");
        }
    }
}
