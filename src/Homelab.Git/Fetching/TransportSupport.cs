using Homelab.Git.Credentials;
using Homelab.Git.Mapping;
using LibGit2Sharp;

namespace Homelab.Git.Fetching;

/// <summary>
/// Checks up front, before any remote call, that a URL can be fetched with the credentials given:
/// an SSH URL needs a private key and the host keys to trust, since unknown hosts are refused.
/// </summary>
public static class TransportSupport
{
    /// <summary>Whether the native libgit2 has SSH compiled in (the bundled one runs the OpenSSH client).</summary>
    public static bool NativeSshAvailable => GlobalSettings.Version.Features.HasFlag(BuiltInFeatures.Ssh);

    public static void EnsureSupported(string url, GitCredentials credentials)
    {
        if (!GitUrl.IsSsh(url))
        {
            return;
        }

        var what = $"cannot fetch '{GitUrl.Scrub(url)}'";
        if (!NativeSshAvailable)
        {
            throw new GitSourceException(GitFailureReason.UnsupportedTransport, $"{what}: SSH transport not supported by this build; use HTTPS with a token");
        }

        if (credentials.Kind != GitCredentialKind.Ssh)
        {
            throw new GitSourceException(
                GitFailureReason.AuthenticationFailed,
                $"{what}: an SSH URL needs an SSH private key (Flux secret key 'identity', Argo 'sshPrivateKey') and known_hosts");
        }

        if (credentials.KnownHosts is null)
        {
            throw new GitSourceException(
                GitFailureReason.AuthenticationFailed,
                $"{what}: known_hosts is required for SSH (Flux secret key 'known_hosts', Argo 'argocd-ssh-known-hosts-cm'); unknown hosts are refused");
        }
    }
}
