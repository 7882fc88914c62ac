namespace Homelab.Api.Installation;

public sealed record CrdInstallOptions
{
    /// <summary>Overwrite CRDs that already exist (forcing ownership of conflicting fields) instead of keeping them.</summary>
    public bool Upgrade { get; init; }

    /// <summary>How long to wait for a CRD to become Established before giving up.</summary>
    public TimeSpan EstablishedTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often to look again while a CRD is not Established yet.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
