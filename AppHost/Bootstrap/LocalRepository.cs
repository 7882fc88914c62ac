using Homelab.AppHost.Configuration;
using Homelab.Manifests.Tools;

namespace Homelab.AppHost.Bootstrap;

/// <summary>
/// The repository on this machine that the AppHost reconciles: the checkout given with <c>--repo</c>
/// (watched for commits), or a fresh clone of a remote <c>--repo URL</c> (which the reconcilers poll).
/// </summary>
internal sealed record LocalRepository(string Path, bool IsWatched, IReadOnlyList<string> RemoteUrls)
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The URL the services fetch this repository from.</summary>
    public string FetchUrl => new Uri(Path).AbsoluteUri;

    /// <exception cref="RepositoryException">Not a git repository, or the clone failed.</exception>
    public static async Task<LocalRepository> OpenAsync(AppHostOptions options, CancellationToken cancellationToken)
    {
        if (options.RepositoryIsLocal)
        {
            if (!Directory.Exists(options.Repository) || !System.IO.Path.Exists(System.IO.Path.Combine(options.Repository, ".git")))
            {
                throw new RepositoryException($"--repo {options.Repository} is not a git checkout (no .git in it)");
            }

            return new LocalRepository(options.Repository, IsWatched: true, await RemotesAsync(options.Repository, cancellationToken).ConfigureAwait(false));
        }

        var clone = System.IO.Path.Combine(options.StateDirectory, "repository");
        if (Directory.Exists(clone))
        {
            Directory.Delete(clone, recursive: true);
        }

        var result = await ProcessRunner.RunAsync("git", ["clone", "--quiet", options.Repository, clone], timeout: GitTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new RepositoryException($"git clone {Homelab.Git.Mapping.GitUrl.Scrub(options.Repository)} failed: {result.StandardError.Trim()}");
        }

        return new LocalRepository(clone, IsWatched: false, [options.Repository]);
    }

    private static async Task<IReadOnlyList<string>> RemotesAsync(string path, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("git", ["-C", path, "config", "--get-regexp", @"^remote\..*\.url$"], timeout: GitTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        // Exit 1 just means "no remotes".
        return result.Succeeded
            ? [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', 2)).Where(p => p.Length == 2).Select(p => p[1].Trim())]
            : [];
    }
}

/// <summary>The repository given to the AppHost cannot be used.</summary>
internal sealed class RepositoryException(string message) : Exception(message);
