namespace Homelab.Git.Ssh;

/// <summary>Finds the OpenSSH client that libgit2's SSH transport runs.</summary>
internal static class SshClientLocator
{
    public static string Locate()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "ssh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new GitSourceException(
            GitFailureReason.UnsupportedTransport,
            "SSH needs the OpenSSH client ('ssh') on PATH (Debian: apt-get install openssh-client)");
    }
}
