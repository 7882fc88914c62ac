using System.Security.Cryptography;
using System.Text;
using Homelab.Git.Credentials;

namespace Homelab.Git.Tests.Credentials;

public sealed class CredentialParsingTests
{
    private const string HostKey = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    private const string PrivateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END OPENSSH PRIVATE KEY-----\n";

    private static Dictionary<string, byte[]> Data(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => Encoding.UTF8.GetBytes(e.Value));

    [Fact]
    public void Flux_basic_auth()
    {
        var credentials = FluxGitSecret.Parse(Data(("username", "git"), ("password", "hunter2")), "flux-system/git");

        Assert.Equal(GitCredentialKind.Basic, credentials.Kind);
        Assert.Equal(("git", "hunter2"), (credentials.Username, credentials.Password));
        Assert.DoesNotContain("hunter2", credentials.ToString());
    }

    [Fact]
    public void Flux_bearer_token()
    {
        var credentials = FluxGitSecret.Parse(Data(("bearerToken", "tok-123")), "flux-system/git");

        Assert.Equal(GitCredentialKind.Bearer, credentials.Kind);
        Assert.Equal("tok-123", credentials.BearerToken);
        Assert.DoesNotContain("tok-123", credentials.ToString());
    }

    [Fact]
    public void Flux_ssh_identity_requires_known_hosts()
    {
        var error = Assert.Throws<GitCredentialsException>(() => FluxGitSecret.Parse(Data(("identity", PrivateKey)), "flux-system/ssh"));

        Assert.Contains("secret 'flux-system/ssh'", error.Message);
        Assert.Contains("known_hosts", error.Message);
        Assert.DoesNotContain("c2VjcmV0", error.Message);
    }

    [Fact]
    public void Flux_ssh_identity_with_known_hosts_and_passphrase()
    {
        var credentials = FluxGitSecret.Parse(
            Data(("identity", PrivateKey), ("known_hosts", $"github.com ssh-ed25519 {HostKey}\n"), ("password", "phrase")),
            "flux-system/ssh");

        Assert.Equal(GitCredentialKind.Ssh, credentials.Kind);
        Assert.Equal("phrase", credentials.SshPassphrase);
        Assert.Equal(1, credentials.KnownHosts!.Count);
        Assert.DoesNotContain("PRIVATE KEY", credentials.ToString());
    }

    [Theory]
    [InlineData("username", "git")]
    [InlineData("password", "hunter2")]
    public void Flux_half_a_basic_pair_names_the_missing_key_not_the_value(string key, string value)
    {
        var error = Assert.Throws<GitCredentialsException>(() => FluxGitSecret.Parse(Data((key, value)), "ns/s"));

        Assert.Contains("missing", error.Message);
        Assert.DoesNotContain(value, error.Message);
    }

    [Fact]
    public void Flux_empty_secret_is_an_error() =>
        Assert.Contains("no credentials found", Assert.Throws<GitCredentialsException>(() => FluxGitSecret.Parse(Data(), "ns/s")).Message);

    [Fact]
    public void Argo_repository_secret_needs_its_label()
    {
        var labels = new Dictionary<string, string>();

        var error = Assert.Throws<GitCredentialsException>(() => ArgoRepositorySecret.Parse(Data(("url", "https://git.example/r")), labels, "argocd/repo"));

        Assert.Contains(ArgoRepositorySecret.SecretTypeLabel, error.Message);
        Assert.False(ArgoRepositorySecret.IsRepositorySecret(labels));
    }

    [Fact]
    public void Argo_repository_secret_with_password_and_ssh_key()
    {
        var labels = new Dictionary<string, string> { [ArgoRepositorySecret.SecretTypeLabel] = "repository" };

        var https = ArgoRepositorySecret.Parse(Data(("url", "https://git.example/r.git"), ("username", "argo"), ("password", "pw")), labels, "argocd/https");
        var ssh = ArgoRepositorySecret.Parse(Data(("url", "git@git.example:r.git"), ("sshPrivateKey", PrivateKey)), labels, "argocd/ssh");

        Assert.Equal(GitCredentialKind.Basic, https.Credentials.Kind);
        Assert.Equal("pw", https.Credentials.Password);
        Assert.Equal(GitCredentialKind.Ssh, ssh.Credentials.Kind);
        Assert.DoesNotContain("pw", https.ToString());
        Assert.DoesNotContain("PRIVATE", ssh.ToString());
    }

    [Fact]
    public void Argo_url_with_an_embedded_password_is_refused_without_echoing_it()
    {
        var labels = new Dictionary<string, string> { [ArgoRepositorySecret.SecretTypeLabel] = "repository" };

        var error = Assert.Throws<GitCredentialsException>(() => ArgoRepositorySecret.Parse(Data(("url", "https://argo:leak@git.example/r.git")), labels, "argocd/bad"));

        Assert.DoesNotContain("leak", error.Message);
    }

    [Fact]
    public void Argo_selects_the_exact_repository_before_the_longest_credential_template()
    {
        var repository = new Dictionary<string, string> { [ArgoRepositorySecret.SecretTypeLabel] = "repository" };
        var template = new Dictionary<string, string> { [ArgoRepositorySecret.SecretTypeLabel] = "repo-creds" };
        var candidates = new[]
        {
            ArgoRepositorySecret.Parse(Data(("url", "https://git.example/"), ("username", "a"), ("password", "org")), template, "t1"),
            ArgoRepositorySecret.Parse(Data(("url", "https://git.example/team/"), ("username", "a"), ("password", "team")), template, "t2"),
            ArgoRepositorySecret.Parse(Data(("url", "https://git.example/team/app.git"), ("username", "a"), ("password", "exact")), repository, "r"),
        };

        Assert.Equal("exact", ArgoRepositorySecret.Select(candidates, "https://git.example/team/app").Password);
        Assert.Equal("team", ArgoRepositorySecret.Select(candidates, "https://git.example/team/other.git").Password);
        Assert.Equal("org", ArgoRepositorySecret.Select(candidates, "https://git.example/x.git").Password);
        Assert.Equal(GitCredentialKind.Anonymous, ArgoRepositorySecret.Select(candidates, "https://elsewhere/x.git").Kind);
    }

    [Fact]
    public void Known_hosts_trusts_only_the_listed_key_for_the_listed_host()
    {
        var key = Convert.FromBase64String(HostKey);
        var salt = RandomNumberGenerator.GetBytes(20);
        var hashed = Convert.ToBase64String(HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes("[git.internal]:2222")));
        var hosts = KnownHosts.Parse(
            $"# comment\ngithub.com,140.82.121.4 ssh-ed25519 {HostKey}\n|1|{Convert.ToBase64String(salt)}|{hashed} ssh-ed25519 {HostKey}\n",
            "known_hosts");

        Assert.True(hosts.IsTrusted("github.com", 22, "ssh-ed25519", key));
        Assert.True(hosts.IsTrusted("140.82.121.4", 22, "ssh-ed25519", key));
        Assert.True(hosts.IsTrusted("git.internal", 2222, "ssh-ed25519", key));
        Assert.False(hosts.IsTrusted("git.internal", 22, "ssh-ed25519", key));
        Assert.False(hosts.IsTrusted("gitlab.com", 22, "ssh-ed25519", key));
        Assert.False(hosts.IsTrusted("github.com", 22, "ssh-ed25519", RandomNumberGenerator.GetBytes(key.Length)));
        Assert.True(hosts.IsListed("github.com", 22));
        Assert.False(hosts.IsListed("gitlab.com", 22));
    }

    [Fact]
    public void Known_hosts_errors_name_the_line()
    {
        var error = Assert.Throws<FormatException>(() => KnownHosts.Parse($"github.com ssh-ed25519 {HostKey}\nbroken-line\n", "secret 'ns/s' key 'known_hosts'"));

        Assert.Equal("secret 'ns/s' key 'known_hosts' line 2: expected 'host key-type base64-key'", error.Message);
    }
}
