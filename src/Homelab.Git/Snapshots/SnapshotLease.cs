using Homelab.Git.Revisions;

namespace Homelab.Git.Snapshots;

/// <summary>
/// A reader's hold on a snapshot: while any lease is open the tree stays on disk. The tree is
/// read-only and shared, so readers must copy anything they want to change.
/// </summary>
public sealed class SnapshotLease : IDisposable
{
    private readonly Action _release;
    private int _disposed;

    internal SnapshotLease(string path, GitRevision revision, Action release)
    {
        Path = path;
        Revision = revision;
        _release = release;
    }

    /// <summary>Root directory of the snapshot: the repository tree at the commit, without <c>.git</c>.</summary>
    public string Path { get; }

    public GitRevision Revision { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _release();
        }
    }
}
