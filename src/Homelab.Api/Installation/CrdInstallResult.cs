namespace Homelab.Api.Installation;

/// <summary>What the installer did with one CRD.</summary>
public sealed record CrdInstallResult(string Name, CrdInstallAction Action)
{
    public override string ToString() => $"{Name}: {Action.ToString().ToLowerInvariant()}";
}
