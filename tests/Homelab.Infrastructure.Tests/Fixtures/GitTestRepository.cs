namespace Homelab.Infrastructure.Tests.Fixtures;

/// <summary>
/// A bare repository served by the fixture's git server, plus a working clone that commits and pushes with
/// the git CLI as a user would. <see cref="Url"/> is what a GitRepository's <c>spec.url</c> names.
/// </summary>
public sealed class GitTestRepository
{
    private readonly Lock _gate = new();

    internal GitTestRepository(string serverRoot, string workRoot, string name, string baseUrl)
    {
        Name = name;
        BarePath = Path.Combine(serverRoot, name + ".git");
        WorkPath = Path.Combine(workRoot, name + "-work");
        Url = $"{baseUrl}/{name}.git";
        GitCli.Run(serverRoot, "init", "--bare", "--initial-branch=main", BarePath);
        GitCli.Run(serverRoot, "init", "--initial-branch=main", WorkPath);
        GitCli.Run(WorkPath, "remote", "add", "origin", BarePath);
    }

    public string Name { get; }

    public string BarePath { get; }

    public string WorkPath { get; }

    public string Url { get; }

    /// <summary>Writes the files, commits and pushes to <paramref name="branch"/>; returns the commit SHA.</summary>
    public string CommitAndPush(string message, IReadOnlyDictionary<string, string> files, string branch = "main") =>
        CommitAndPush(message, files, [], branch);

    /// <summary>Writes and deletes files, commits and pushes; returns the commit SHA.</summary>
    public string CommitAndPush(string message, IReadOnlyDictionary<string, string> files, IReadOnlyList<string> deletions, string branch = "main")
    {
        lock (_gate)
        {
            foreach (var (path, content) in files)
            {
                var full = Path.Combine(WorkPath, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content);
            }

            foreach (var path in deletions)
            {
                File.Delete(Path.Combine(WorkPath, path));
            }

            GitCli.Run(WorkPath, "add", "-A");
            GitCli.Run(WorkPath, "commit", "--allow-empty", "-q", "-m", message);
            GitCli.Run(WorkPath, "push", "-q", "origin", $"HEAD:refs/heads/{branch}");
            return GitCli.Run(WorkPath, "rev-parse", "HEAD");
        }
    }

    /// <summary>The Flux revision of a commit on a branch: <c>main@sha1:…</c>.</summary>
    public static string Revision(string sha, string branch = "main") => $"{branch}@sha1:{sha}";
}
