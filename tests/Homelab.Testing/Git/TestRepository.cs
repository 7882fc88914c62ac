namespace Homelab.Testing.Git;

/// <summary>
/// A bare "server" repository plus a working clone that commits and pushes with the git CLI, as a
/// user would. Servers (file://, git daemon, http-backend) serve <see cref="BarePath"/>.
/// </summary>
public sealed class TestRepository
{
    public TestRepository(string root, string name = "repo")
    {
        Root = root;
        Directory.CreateDirectory(root);
        Name = name + ".git";
        BarePath = Path.Combine(root, Name);
        WorkPath = Path.Combine(root, name + "-work");
        GitCli.Run(root, "init", "--bare", "--initial-branch=main", BarePath);
        GitCli.Run(root, "init", "--initial-branch=main", WorkPath);
        GitCli.Run(WorkPath, "remote", "add", "origin", BarePath);
    }

    public string Root { get; }

    public string Name { get; }

    public string BarePath { get; }

    public string WorkPath { get; }

    public string FileUrl => new Uri(BarePath).AbsoluteUri;

    /// <summary>Writes files, commits them on the current branch and returns the new commit SHA.</summary>
    public string Commit(string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(WorkPath, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        GitCli.Run(WorkPath, "add", "-A");
        GitCli.Run(WorkPath, "commit", "--allow-empty", "-q", "-m", message);
        return Head();
    }

    public string Head() => GitCli.Run(WorkPath, "rev-parse", "HEAD");

    public void Push(string branch = "main", bool force = false)
    {
        if (force)
        {
            GitCli.Run(WorkPath, "push", "-q", "--force", "origin", $"HEAD:refs/heads/{branch}");
        }
        else
        {
            GitCli.Run(WorkPath, "push", "-q", "origin", $"HEAD:refs/heads/{branch}");
        }
    }

    public void Tag(string name, bool annotated = false)
    {
        if (annotated)
        {
            GitCli.Run(WorkPath, "tag", "-a", name, "-m", "release " + name);
        }
        else
        {
            GitCli.Run(WorkPath, "tag", name);
        }

        GitCli.Run(WorkPath, "push", "-q", "origin", $"refs/tags/{name}");
    }

    public void DeleteRemoteBranch(string branch) => GitCli.Run(WorkPath, "push", "-q", "origin", "--delete", branch);

    public void Checkout(string branch, bool create = false)
    {
        if (create)
        {
            GitCli.Run(WorkPath, "checkout", "-q", "-b", branch);
        }
        else
        {
            GitCli.Run(WorkPath, "checkout", "-q", branch);
        }
    }

    public void ResetHard(string commit) => GitCli.Run(WorkPath, "reset", "-q", "--hard", commit);
}
