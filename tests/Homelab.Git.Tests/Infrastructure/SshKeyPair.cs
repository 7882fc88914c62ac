namespace Homelab.Git.Tests.Infrastructure;

/// <summary>An ed25519 key pair made by the real <c>ssh-keygen</c>.</summary>
public sealed record SshKeyPair(string PrivateKeyPath, string PrivateKey, string PublicKey)
{
    /// <summary>"type base64" of the public key, without its comment (as in known_hosts).</summary>
    public string PublicKeyTypeAndData => string.Join(' ', PublicKey.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));

    public static SshKeyPair Generate(string directory, string name, string passphrase = "")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        SshServer.RunTool("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", name, "-f", path);
        return new SshKeyPair(path, File.ReadAllText(path), File.ReadAllText(path + ".pub").Trim());
    }
}
