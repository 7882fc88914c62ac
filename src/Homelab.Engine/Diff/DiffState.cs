namespace Homelab.Engine.Diff;

public enum DiffState
{
    /// <summary>Live already has everything desired says (server defaults and other managers' fields aside).</summary>
    Equal,

    /// <summary>Both exist and differ.</summary>
    Modified,

    /// <summary>Desired, but not in the cluster.</summary>
    Missing,

    /// <summary>In the cluster, but no longer desired.</summary>
    Extra,
}
