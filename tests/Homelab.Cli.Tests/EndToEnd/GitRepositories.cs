namespace Homelab.Cli.Tests.EndToEnd;

/// <summary>Bare repositories under one root (served by <see cref="GitHttpServer"/>), each created with one commit on main.</summary>
internal sealed class GitRepositories(string root, GitHttpServer server)
{
    /// <summary>A new bare repository with one commit of <paramref name="files"/> on main; returns its URL and the commit.</summary>
    public (string Url, string Sha) Create(string name, IReadOnlyDictionary<string, string> files)
    {
        var bare = Path.Combine(root, name + ".git");
        var work = Path.Combine(root, name + "-work");
        GitCli.Run(root, "init", "--bare", "--initial-branch=main", bare);
        GitCli.Run(root, "init", "--initial-branch=main", work);
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(work, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        GitCli.Run(work, "add", "-A");
        GitCli.Run(work, "commit", "-q", "-m", "initial");
        GitCli.Run(work, "push", "-q", bare, "HEAD:refs/heads/main");
        return (server.UrlFor(name + ".git"), GitCli.Run(work, "rev-parse", "HEAD"));
    }
}
