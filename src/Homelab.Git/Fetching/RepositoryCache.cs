using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;

namespace Homelab.Git.Fetching;

/// <summary>
/// One bare repository per remote URL under the cache directory, plus a gate per repository that
/// bounds how many remote operations run against it at once. Refs are mirrored under their own
/// names (<c>refs/heads/main</c> in the cache is the remote's main as last fetched), and objects are
/// never pruned, so the last good commit survives a force-push or a deleted branch.
/// </summary>
public sealed class RepositoryCache(string directory, int maxConcurrencyPerRepository) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object> _initLocks = new(StringComparer.Ordinal);

    public string Directory { get; } = directory;

    /// <summary>The cache path for a URL: a hash, so URLs (and any userinfo in them) never appear on disk.</summary>
    public string PathFor(string url)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Mapping.GitUrl.Key(url))));
        return Path.Combine(Directory, hash[..24] + ".git");
    }

    /// <summary>Opens the bare repository for <paramref name="url"/>, creating it on first use.</summary>
    public Repository Open(string url)
    {
        var path = PathFor(url);
        lock (_initLocks.GetOrAdd(path, _ => new object()))
        {
            if (!Repository.IsValid(path))
            {
                System.IO.Directory.CreateDirectory(Directory);
                Repository.Init(path, isBare: true);
            }
        }

        return new Repository(path);
    }

    public SemaphoreSlim GateFor(string url) =>
        _gates.GetOrAdd(PathFor(url), _ => new SemaphoreSlim(maxConcurrencyPerRepository, maxConcurrencyPerRepository));

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }
}
