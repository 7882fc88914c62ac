namespace Homelab.Git.Credentials;

/// <summary>
/// Credentials for one repository, parsed from a Kubernetes Secret. A class rather than a record so
/// that no generated <c>ToString</c> can ever print a secret: <see cref="ToString"/> names the kind only.
/// </summary>
public sealed class GitCredentials
{
    private GitCredentials(GitCredentialKind kind)
    {
        Kind = kind;
    }

    public static GitCredentials Anonymous { get; } = new(GitCredentialKind.Anonymous);

    public GitCredentialKind Kind { get; }

    public string? Username { get; private init; }

    public string? Password { get; private init; }

    public string? BearerToken { get; private init; }

    /// <summary>PEM/OpenSSH private key for SSH.</summary>
    public string? SshPrivateKey { get; private init; }

    /// <summary>Passphrase of <see cref="SshPrivateKey"/> (Flux reads it from <c>password</c>).</summary>
    public string? SshPassphrase { get; private init; }

    public KnownHosts? KnownHosts { get; private init; }

    public static GitCredentials Basic(string username, string password) =>
        new(GitCredentialKind.Basic) { Username = username, Password = password };

    public static GitCredentials Bearer(string token) =>
        new(GitCredentialKind.Bearer) { BearerToken = token };

    public static GitCredentials Ssh(string? username, string privateKey, string? passphrase, KnownHosts? knownHosts) =>
        new(GitCredentialKind.Ssh) { Username = username, SshPrivateKey = privateKey, SshPassphrase = passphrase, KnownHosts = knownHosts };

    /// <summary>Every secret value, so error text can be scrubbed of them even when a server echoes one back.</summary>
    public IEnumerable<string> SecretValues() =>
        new[] { Password, BearerToken, SshPrivateKey, SshPassphrase }.Where(v => !string.IsNullOrEmpty(v))!;

    public override string ToString() => Kind switch
    {
        GitCredentialKind.Basic => "GitCredentials(basic auth, password redacted)",
        GitCredentialKind.Bearer => "GitCredentials(bearer token redacted)",
        GitCredentialKind.Ssh => "GitCredentials(ssh key redacted)",
        _ => "GitCredentials(anonymous)",
    };
}
