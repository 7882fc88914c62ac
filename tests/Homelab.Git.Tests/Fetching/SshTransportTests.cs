using System.Text;
using Homelab.Git.Credentials;
using Homelab.Git.Fetching;
using Homelab.Git.Mapping;
using Homelab.Git.Refs;
using Homelab.Git.Tests.Infrastructure;

namespace Homelab.Git.Tests.Fetching;

/// <summary>SSH through the real OpenSSH server on loopback, with Flux- and Argo-shaped Secrets.</summary>
public sealed class SshTransportTests : IClassFixture<SshServerFixture>, IDisposable
{
    private readonly GitFixture _git;
    private readonly SshServer _server;
    private readonly HashSet<string> _sshDirectoriesBefore;

    public SshTransportTests(SshServerFixture sshd)
    {
        _server = sshd.Server;
        _git = new GitFixture();
        _git.Repository.Commit("one", ("deploy/a.yaml", "a: 1\n"));
        _git.Repository.Push();
        _sshDirectoriesBefore = [.. SshSessionDirectories()];
    }

    public void Dispose()
    {
        // Tests that revoke or swap the client key hand the shared server back as they found it.
        _server.AuthorizeOnly(_server.ClientKey);
        _git.Dispose();
    }

    private string Url => _server.UrlFor(_git.Repository.BarePath);

    private GitCredentials FluxSecret(SshKeyPair key, string knownHosts, string? passphrase = null)
    {
        var data = new Dictionary<string, byte[]>
        {
            ["identity"] = Encoding.UTF8.GetBytes(key.PrivateKey),
            ["identity.pub"] = Encoding.UTF8.GetBytes(key.PublicKey),
            ["known_hosts"] = Encoding.UTF8.GetBytes(knownHosts),
        };
        if (passphrase is not null)
        {
            data["password"] = Encoding.UTF8.GetBytes(passphrase);
        }

        return FluxGitSecret.Parse(data, "flux-system/flux-system");
    }

    private GitSourceRequest Main(GitCredentials credentials, string? url = null) =>
        new(url ?? Url, new GitRepositoryRef(Branch: "main").ToSelector(), credentials);

    [Fact]
    public async Task A_flux_deploy_key_fetches_and_follows_a_branch_move()
    {
        var source = new TrackedGitSource(_git.Client, Main(FluxSecret(_server.ClientKey, _server.KnownHostsLine)));

        var first = await source.RefreshAsync(CancellationToken.None);
        Assert.True(first.Succeeded, first.Error);
        Assert.Equal($"main@sha1:{_git.Repository.Head()}", first.Revision!.ToString());
        Assert.Equal((1, 1), (_git.LsRemotes, _git.Fetches));

        var unchanged = await source.RefreshAsync(CancellationToken.None);
        Assert.True(unchanged.Succeeded, unchanged.Error);
        Assert.False(unchanged.Changed);
        Assert.Equal((2, 1), (_git.LsRemotes, _git.Fetches));

        var pushed = _git.Repository.Commit("two", ("deploy/b.yaml", "b: 1\n"));
        _git.Repository.Push();
        var moved = await source.RefreshAsync(CancellationToken.None);

        Assert.True(moved.Changed, moved.Error);
        Assert.Equal($"main@sha1:{pushed}", moved.Revision!.ToString());
        Assert.Equal((3, 2), (_git.LsRemotes, _git.Fetches));
        AssertNoSshStateLeftBehind(moved.CacheRepositoryPath!);
    }

    [Fact]
    public async Task An_argo_repository_secret_with_host_keys_from_the_config_map_fetches_the_default_branch()
    {
        var labels = new Dictionary<string, string> { [ArgoRepositorySecret.SecretTypeLabel] = "repository" };
        var data = new Dictionary<string, byte[]>
        {
            ["url"] = Encoding.UTF8.GetBytes(Url),
            ["sshPrivateKey"] = Encoding.UTF8.GetBytes(_server.ClientKey.PrivateKey),
        };
        var knownHosts = KnownHosts.Parse(_server.KnownHostsLine, "configmap 'argocd/argocd-ssh-known-hosts-cm' key 'ssh_known_hosts'");
        var repository = ArgoRepositorySecret.Parse(data, labels, "argocd/repo-homelab", knownHosts);
        var credentials = ArgoRepositorySecret.Select([repository], Url);

        var result = await _git.Client.SyncAsync(new GitSourceRequest(Url, ArgoTargetRevision.ToSelector("HEAD"), credentials), null, CancellationToken.None);

        Assert.Equal(_git.Repository.Head(), result.Revision.Sha);
        Assert.True(result.Fetched);
    }

    [Fact]
    public async Task An_unknown_host_key_is_refused_and_nothing_is_fetched()
    {
        var impostor = SshKeyPair.Generate(_git.Temp.Sub("other"), "other_host_key");
        var knownHosts = $"{_server.HostPattern} {impostor.PublicKeyTypeAndData}\n";

        var error = await Assert.ThrowsAsync<GitSourceException>(() =>
            _git.Client.SyncAsync(Main(FluxSecret(_server.ClientKey, knownHosts)), null, CancellationToken.None));

        Assert.Equal(GitFailureReason.AuthenticationFailed, error.Reason);
        Assert.Contains("host key is not in known_hosts", error.Message);
        Assert.Equal((1, 0), (_git.LsRemotes, _git.Fetches));
        using var cache = new LibGit2Sharp.Repository(new RepositoryCache(_git.Options.CacheDirectory, 1).PathFor(Url));
        Assert.Empty(cache.Refs);
    }

    [Fact]
    public async Task A_revoked_client_key_is_an_authentication_failure_and_the_last_good_revision_is_kept()
    {
        var key = _server.ClientKey;
        var source = new TrackedGitSource(_git.Client, Main(FluxSecret(key, _server.KnownHostsLine)));
        var good = await source.RefreshAsync(CancellationToken.None);
        Assert.True(good.Succeeded, good.Error);

        _server.AuthorizeOnly(SshKeyPair.Generate(_git.Temp.Sub("other"), "someone_else"));
        _git.Repository.Commit("two", ("deploy/b.yaml", "b: 1\n"));
        _git.Repository.Push();
        var failed = await source.RefreshAsync(CancellationToken.None);

        Assert.False(failed.Succeeded);
        Assert.Equal(GitFailureReason.AuthenticationFailed, failed.FailureReason);
        Assert.Contains("the server refused the SSH key", failed.Error);
        Assert.Equal(good.Revision, failed.Revision);
        Assert.DoesNotContain("PRIVATE KEY", failed.Error);
        Assert.DoesNotContain(key.PrivateKey.Split('\n')[1], failed.Error);
        AssertNoSshStateLeftBehind(good.CacheRepositoryPath!);
    }

    [Fact]
    public async Task A_passphrase_protected_key_works_and_a_wrong_passphrase_is_refused_without_echoing_it()
    {
        var protectedKey = SshKeyPair.Generate(_git.Temp.Sub("pp"), "client_pp", "correct horse");
        _server.AuthorizeOnly(protectedKey);

        var result = await _git.Client.SyncAsync(Main(FluxSecret(protectedKey, _server.KnownHostsLine, "correct horse")), null, CancellationToken.None);
        Assert.Equal(_git.Repository.Head(), result.Revision.Sha);

        var error = await Assert.ThrowsAsync<GitSourceException>(() =>
            _git.Client.SyncAsync(Main(FluxSecret(protectedKey, _server.KnownHostsLine, "battery staple")), null, CancellationToken.None));
        Assert.Equal(GitFailureReason.AuthenticationFailed, error.Reason);
        Assert.Contains("or the key's passphrase is wrong", error.Message);
        Assert.DoesNotContain("battery staple", error.ToString());
    }

    [Fact]
    public async Task An_ssh_key_without_known_hosts_is_refused_before_any_remote_call()
    {
        var labels = new Dictionary<string, string> { [ArgoRepositorySecret.SecretTypeLabel] = "repository" };
        var data = new Dictionary<string, byte[]>
        {
            ["url"] = Encoding.UTF8.GetBytes(Url),
            ["sshPrivateKey"] = Encoding.UTF8.GetBytes(_server.ClientKey.PrivateKey),
        };
        var credentials = ArgoRepositorySecret.Parse(data, labels, "argocd/repo-homelab").Credentials;

        var error = await Assert.ThrowsAsync<GitSourceException>(() => _git.Client.SyncAsync(Main(credentials), null, CancellationToken.None));

        Assert.Contains("known_hosts is required for SSH", error.Message);
        Assert.Equal((0, 0), (_git.LsRemotes, _git.Fetches));
    }

    [Fact]
    public async Task No_server_listening_is_a_transport_error_quoting_ssh()
    {
        var url = $"ssh://{SshServer.User}@127.0.0.1:{FreePort.Pick()}{_git.Repository.BarePath}";

        var error = await Assert.ThrowsAsync<GitSourceException>(() =>
            _git.Client.SyncAsync(Main(FluxSecret(_server.ClientKey, _server.KnownHostsLine), url), null, CancellationToken.None));

        Assert.Equal(GitFailureReason.Transport, error.Reason);
        Assert.Contains("Connection refused", error.Message);
    }

    [Fact]
    public async Task An_scp_like_url_reaches_a_server_on_port_22()
    {
        // scp-like URLs cannot name a port, so this server listens on port 22 of a loopback address of its own.
        var address = $"127.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(2, 255)}";
        using var server = await SshServer.StartAsync(_git.Temp.Sub("sshd22"), address, port: 22);
        var url = $"{SshServer.User}@{address}:{_git.Repository.BarePath}";
        Assert.True(GitUrl.IsSsh(url));

        var result = await _git.Client.SyncAsync(Main(FluxSecret(server.ClientKey, server.KnownHostsLine), url), null, CancellationToken.None);

        Assert.Equal(_git.Repository.Head(), result.Revision.Sha);
        Assert.Equal(1, _git.Client.Counters.Count(url, GitOperationKind.Fetch));
    }

    // Key material lives only for the operation, and the cache repository keeps no path to it.
    private void AssertNoSshStateLeftBehind(string cacheRepositoryPath)
    {
        using var cache = new LibGit2Sharp.Repository(cacheRepositoryPath);
        Assert.Null(cache.Config.Get<string>("core.sshCommand"));
        Assert.Empty(SshSessionDirectories().Except(_sshDirectoriesBefore));
    }

    private static IEnumerable<string> SshSessionDirectories() => Directory.EnumerateDirectories(Path.GetTempPath(), "homelab-ssh-*");
}
