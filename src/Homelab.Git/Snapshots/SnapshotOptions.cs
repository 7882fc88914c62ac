namespace Homelab.Git.Snapshots;

public sealed class SnapshotOptions
{
    /// <summary>Where snapshot trees are materialised; emptied when the store starts.</summary>
    public string Directory { get; set; } = Path.Combine(Path.GetTempPath(), "homelab", "snapshots");

    /// <summary>Disk budget for unused snapshots; least recently used ones beyond it are deleted. Leased ones never are.</summary>
    public long DiskBudgetBytes { get; set; } = 1L << 30;
}
