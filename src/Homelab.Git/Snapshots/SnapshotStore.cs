using System.Security.Cryptography;
using System.Text;
using Homelab.Git.Revisions;
using LibGit2Sharp;

namespace Homelab.Git.Snapshots;

/// <summary>
/// Immutable, read-only trees per (commit, ignore rules), materialised once from the bare cache and
/// shared by every reader through leases. Unleased snapshots are evicted least-recently-used first
/// whenever the total size exceeds the disk budget.
/// </summary>
public sealed class SnapshotStore
{
    private readonly SnapshotOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public SnapshotStore(SnapshotOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        // Leftovers from an earlier process are not tracked (size, leases), so start from a clean slate.
        if (Directory.Exists(options.Directory))
        {
            DeleteTree(options.Directory);
        }

        Directory.CreateDirectory(options.Directory);
    }

    /// <summary>Bytes of all snapshots on disk.</summary>
    public long TotalBytes
    {
        get
        {
            lock (_lock)
            {
                return _entries.Values.Where(e => e.Ready).Sum(e => e.SizeBytes);
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Values.Count(e => e.Ready);
            }
        }
    }

    /// <summary>
    /// Leases the snapshot of <paramref name="revision"/> from the bare repository at
    /// <paramref name="cacheRepositoryPath"/>, materialising it first if no reader has it yet.
    /// <paramref name="ignore"/> is Flux's <c>spec.ignore</c>; null applies Flux's default exclusions.
    /// </summary>
    public async Task<SnapshotLease> AcquireAsync(string cacheRepositoryPath, GitRevision revision, string? ignore, CancellationToken cancellationToken)
    {
        var key = KeyFor(revision.Sha, ignore);
        while (true)
        {
            Task materialising;
            lock (_lock)
            {
                if (!_entries.TryGetValue(key, out var entry))
                {
                    entry = new Entry(key, Path.Combine(_options.Directory, key));
                    // Shared work: one caller giving up must not fail the others, so it runs uncancelled.
                    entry.Materialising = Task.Run(() => Materialise(entry, cacheRepositoryPath, revision.Sha, ignore), CancellationToken.None);
                    _entries[key] = entry;
                }

                if (entry.Ready)
                {
                    entry.Leases++;
                    entry.LastUsed = _timeProvider.GetUtcNow();
                    return new SnapshotLease(entry.Path, revision, () => Release(entry));
                }

                materialising = entry.Materialising!;
            }

            await materialising.WaitAsync(cancellationToken);
        }
    }

    private void Materialise(Entry entry, string cacheRepositoryPath, string sha, string? ignore)
    {
        var staging = Path.Combine(_options.Directory, $".staging-{entry.Key}-{Guid.NewGuid():N}");
        try
        {
            long size;
            using (var repo = new Repository(cacheRepositoryPath))
            {
                var commit = repo.Lookup<Commit>(sha)
                    ?? throw new GitSourceException(GitFailureReason.RefNotFound, $"commit '{sha}' is not in the cache; fetch it first");
                var matcher = ignore is null ? GitIgnoreMatcher.FluxDefaults : GitIgnoreMatcher.Parse(ignore);
                size = TreeMaterializer.Write(commit.Tree, staging, matcher, CancellationToken.None);
            }

            // Readers only ever see a complete tree: it appears under its final name in one rename.
            Directory.Move(staging, entry.Path);
            lock (_lock)
            {
                entry.SizeBytes = size;
                entry.Ready = true;
                entry.LastUsed = _timeProvider.GetUtcNow();
                // Pinned by a lease of one so the new snapshot cannot be its own victim before the caller takes it.
                entry.Leases++;
                EvictOverBudget();
                entry.Leases--;
            }
        }
        catch
        {
            lock (_lock)
            {
                _entries.Remove(entry.Key);
            }

            if (Directory.Exists(staging))
            {
                DeleteTree(staging);
            }

            throw;
        }
    }

    private void Release(Entry entry)
    {
        lock (_lock)
        {
            entry.Leases--;
            entry.LastUsed = _timeProvider.GetUtcNow();
            EvictOverBudget();
        }
    }

    /// <summary>Deletes unleased snapshots, oldest use first, until the total fits the budget. Caller holds the lock.</summary>
    private void EvictOverBudget()
    {
        var total = _entries.Values.Where(e => e.Ready).Sum(e => e.SizeBytes);
        foreach (var victim in _entries.Values.Where(e => e.Ready && e.Leases == 0).OrderBy(e => e.LastUsed).ToList())
        {
            if (total <= _options.DiskBudgetBytes)
            {
                break;
            }

            _entries.Remove(victim.Key);
            DeleteTree(victim.Path);
            total -= victim.SizeBytes;
        }
    }

    private static string KeyFor(string sha, string? ignore)
    {
        var rules = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ignore ?? "\0flux-defaults")))[..8];
        return $"{sha}-{rules}";
    }

    private static void DeleteTree(string path)
    {
        // Snapshot directories are read-only; give write permission back so they can be removed.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var directory in Directory.EnumerateDirectories(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).Prepend(path))
            {
                File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        Directory.Delete(path, recursive: true);
    }

    private sealed class Entry(string key, string path)
    {
        public string Key { get; } = key;

        public string Path { get; } = path;

        public Task? Materialising { get; set; }

        public bool Ready { get; set; }

        public long SizeBytes { get; set; }

        public int Leases { get; set; }

        public DateTimeOffset LastUsed { get; set; }
    }
}
