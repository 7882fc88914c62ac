using Homelab.Git.Mapping;
using LibGit2Sharp;

namespace Homelab.Git.Fetching;

/// <summary>
/// Which transports Homelab will use. SSH URLs fail up front with a clear message instead of an
/// obscure native error or, worse, a connection whose host key nobody checked.
/// </summary>
public static class TransportSupport
{
    /// <summary>What the native library claims; Homelab still refuses SSH (see <see cref="EnsureSupported"/>).</summary>
    public static bool NativeSshAvailable => GlobalSettings.Version.Features.HasFlag(BuiltInFeatures.Ssh);

    public static void EnsureSupported(string url)
    {
        // The bundled libgit2 reports SSH (it shells out to OpenSSH), but LibGit2Sharp 0.32 exposes no
        // in-memory key credential, and per-repository keys and known_hosts could only be passed
        // through process-wide environment variables. Refusing is safer than running SSH unverified.
        if (GitUrl.IsSsh(url))
        {
            throw new GitSourceException(
                GitFailureReason.UnsupportedTransport,
                $"cannot fetch '{GitUrl.Scrub(url)}': SSH transport not supported by this build; use HTTPS with a token");
        }
    }
}
