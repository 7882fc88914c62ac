namespace Homelab.Git.Credentials;

/// <summary>A Secret that cannot be turned into credentials. The message names keys, never values.</summary>
public sealed class GitCredentialsException(string message) : Exception(message);
