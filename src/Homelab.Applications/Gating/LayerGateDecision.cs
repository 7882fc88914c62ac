namespace Homelab.Applications.Gating;

/// <summary>
/// The gate's answer: open, or closed with the sentence the Application's status shows, e.g.
/// "waiting for infrastructure: Kustomization flux-system/ingress is not ready (DependencyNotReady: …)".
/// </summary>
public sealed record LayerGateDecision(bool Open, string WaitingFor)
{
    public static LayerGateDecision Opened { get; } = new(true, "");

    public static LayerGateDecision Closed(string waitingFor) => new(false, waitingFor);
}
