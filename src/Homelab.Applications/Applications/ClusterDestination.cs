using Homelab.Api.Argo;

namespace Homelab.Applications.Applications;

/// <summary>The only cluster Homelab deploys to: the one it runs in, by Argo's in-cluster URL or name.</summary>
public static class ClusterDestination
{
    public const string InClusterServer = "https://kubernetes.default.svc";
    public const string InClusterName = "in-cluster";

    /// <summary>Null when the destination is the in-cluster one; otherwise Argo's "no clusters" message.</summary>
    public static string? Check(ApplicationDestination destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Server is { } server)
        {
            return server.TrimEnd('/') == InClusterServer ? null : $"there are no clusters with this URL: {server}";
        }

        return destination.Name == InClusterName ? null : $"there are no clusters with this name: {destination.Name}";
    }
}
