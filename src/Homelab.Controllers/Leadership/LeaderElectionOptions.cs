using System.Globalization;

namespace Homelab.Controllers.Leadership;

/// <summary>
/// Lease-based leader election (coordination.k8s.io/v1), with client-go's default timings: a lease is
/// held for <see cref="LeaseDuration"/>, renewed every <see cref="RetryPeriod"/>, and a leader that could
/// not renew within <see cref="RenewDeadline"/> stops leading before anyone else may take over.
/// </summary>
public sealed record LeaderElectionOptions
{
    /// <summary>Off: this replica always leads (a single replica, or tests).</summary>
    public bool Enabled { get; init; } = true;

    public string LeaseName { get; init; } = "";

    /// <summary>Created when missing.</summary>
    public string LeaseNamespace { get; init; } = "homelab-system";

    /// <summary>Who holds the lease; unique per replica (the pod name is the hostname in Kubernetes).</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}_{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(LeaseName) || string.IsNullOrWhiteSpace(LeaseNamespace) || string.IsNullOrWhiteSpace(Identity))
        {
            throw new ArgumentException("leader election needs LeaseName, LeaseNamespace and Identity");
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1) || RetryPeriod <= TimeSpan.Zero || RenewDeadline <= RetryPeriod || LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException(
                $"leader election timings must satisfy LeaseDuration ({LeaseDuration}) > RenewDeadline ({RenewDeadline}) > RetryPeriod ({RetryPeriod}) > 0, LeaseDuration at least 1 s");
        }
    }
}
