namespace Homelab.DevCluster.Simulator;

/// <summary>Annotations a test puts on an object to choose what the simulator makes of it.</summary>
public static class SimulationAnnotations
{
    /// <summary><c>fail</c>: Deployment ProgressDeadlineExceeded, Job Failed, PVC stays Pending. <c>never</c>: no status at all.</summary>
    public const string Outcome = "devcluster.homelab.dev/simulate";

    /// <summary>How long until the status is written, e.g. <c>2s</c>, <c>250ms</c> or <c>0</c>.</summary>
    public const string Delay = "devcluster.homelab.dev/simulate-delay";
}
