namespace Homelab.Manifests.Tools;

/// <summary>Explicit tool paths from configuration (<c>Homelab:Tools:Kubectl</c>, <c>Homelab:Tools:Helm</c>).</summary>
public sealed class KubeToolOptions
{
    public const string SectionName = "Homelab:Tools";

    public string? Kubectl { get; set; }

    public string? Helm { get; set; }

    /// <summary>
    /// Whether PATH is searched before the pinned copy the build fetched. Tests turn it off so they
    /// always run the pinned versions, whatever the machine has installed.
    /// </summary>
    public bool SearchPath { get; set; } = true;
}
