namespace Homelab.Git.Credentials;

public enum GitCredentialKind
{
    Anonymous,
    Basic,
    Bearer,
    Ssh,
}
