namespace Homelab.Git.Snapshots;

public sealed class SnapshotOptions
{
    /// <summary>Where snapshot trees are materialised; emptied when the store starts.</summary>
    // Per process: a store wipes its directory at start, so two services sharing one would delete each other's trees.
    public string Directory { get; set; } = Path.Combine(Path.GetTempPath(), "homelab", $"snapshots-{Environment.ProcessId}");

    /// <summary>Disk budget for unused snapshots; least recently used ones beyond it are deleted. Leased ones never are.</summary>
    public long DiskBudgetBytes { get; set; } = 1L << 30;
}
