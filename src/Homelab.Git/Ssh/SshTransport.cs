using System.Collections.Concurrent;
using Homelab.Git.Credentials;
using Homelab.Git.Fetching;
using LibGit2Sharp;

namespace Homelab.Git.Ssh;

/// <summary>
/// Runs ls-remote and fetch over SSH. The libgit2 bundled with LibGit2Sharp 0.32 speaks SSH by running
/// the OpenSSH client, and takes the command from the <c>core.sshCommand</c> of the repository doing
/// the work: so each operation writes its own key and known_hosts (<see cref="SshSession"/>), points
/// the bare cache repository's config at a wrapper using them, and unsets it afterwards. Operations
/// on one cache repository take turns, since they share that config entry; different repositories
/// (and all other transports) are unaffected.
/// </summary>
internal sealed class SshTransport(RepositoryCache cache, TimeSpan connectTimeout)
{
    private const string SshCommandKey = "core.sshCommand";

    private readonly ConcurrentDictionary<string, Lock> _configLocks = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/> against the cache repository of <paramref name="url"/> with SSH set up for <paramref name="credentials"/>.</summary>
    public T Run<T>(string url, GitCredentials credentials, string operation, Func<Repository, T> work)
    {
        var ssh = SshClientLocator.Locate();
        lock (_configLocks.GetOrAdd(cache.PathFor(url), _ => new Lock()))
        {
            using var session = SshSession.Start(ssh, credentials, connectTimeout);
            using var repo = cache.Open(url);
            repo.Config.Set(SshCommandKey, session.CommandPath, ConfigurationLevel.Local);
            try
            {
                return work(repo);
            }
            catch (LibGit2SharpException e) when (e is not UserCancelledException)
            {
                throw SshFailure.Translate(operation, url, session.ReadLog(), e, credentials);
            }
            finally
            {
                // Never leave a path to deleted key material in the repository's config.
                repo.Config.Unset(SshCommandKey, ConfigurationLevel.Local);
            }
        }
    }
}
