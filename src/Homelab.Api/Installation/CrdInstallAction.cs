namespace Homelab.Api.Installation;

public enum CrdInstallAction
{
    /// <summary>The CRD was absent and has been created.</summary>
    Installed,

    /// <summary>A CRD of that name already existed and was left exactly as it is (it may be the original Flux or Argo CD one).</summary>
    Kept,

    /// <summary>An existing CRD was overwritten with Homelab's, because an upgrade was asked for.</summary>
    Upgraded,
}
