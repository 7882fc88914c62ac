namespace Homelab.Git.Credentials;

/// <summary>
/// Parses a Secret referenced by a Flux GitRepository's <c>spec.secretRef</c>:
/// HTTPS with <c>username</c> + <c>password</c> or <c>bearerToken</c>; SSH with <c>identity</c> (private key),
/// required <c>known_hosts</c>, and optional <c>password</c> as the key's passphrase.
/// </summary>
public static class FluxGitSecret
{
    public static GitCredentials Parse(IReadOnlyDictionary<string, byte[]> data, string secretName)
    {
        var secret = new SecretData(data, secretName);
        var identity = secret.Get("identity");
        if (identity is not null)
        {
            var knownHosts = secret.Require("known_hosts", "SSH needs the server's host keys; unknown hosts are refused");
            KnownHosts hosts;
            try
            {
                hosts = KnownHosts.Parse(knownHosts, $"secret '{secretName}' key 'known_hosts'");
            }
            catch (FormatException e)
            {
                throw secret.Invalid(e.Message);
            }

            return GitCredentials.Ssh(secret.Get("username"), identity, secret.Get("password"), hosts);
        }

        var token = secret.Get("bearerToken");
        var username = secret.Get("username");
        var password = secret.Get("password");
        if (token is not null)
        {
            if (username is not null || password is not null)
            {
                throw secret.Invalid("set either 'bearerToken' or 'username'/'password', not both");
            }

            return GitCredentials.Bearer(token);
        }

        if (username is not null || password is not null)
        {
            return GitCredentials.Basic(
                username ?? throw secret.Invalid("key 'username' is missing (it is required with 'password')"),
                password ?? throw secret.Invalid("key 'password' is missing (it is required with 'username')"));
        }

        throw secret.Invalid("no credentials found: expected 'username' and 'password', 'bearerToken', or 'identity' and 'known_hosts'");
    }
}
