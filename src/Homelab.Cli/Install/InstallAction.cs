namespace Homelab.Cli.Install;

/// <summary>What bootstrap did with one object.</summary>
public enum InstallAction
{
    Created,
    Configured,
    Unchanged,

    /// <summary>A CRD that is not Homelab's (e.g. the real Flux's or Argo CD's) was left as it is.</summary>
    Kept,
}
