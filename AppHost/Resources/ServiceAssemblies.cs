using System.Reflection;

namespace Homelab.AppHost.Resources;

/// <summary>Build-time facts stamped into the AppHost: where the checkout is and where each service was built.</summary>
internal static class ServiceAssemblies
{
    private static readonly AssemblyMetadataAttribute[] Metadata =
        [.. typeof(ServiceAssemblies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()];

    /// <summary>The checkout the AppHost was built from: the default repository and home of <c>.homelab/</c>.</summary>
    public static string RepositoryRoot =>
        Metadata.Single(a => a.Key == "Homelab.RepositoryRoot").Value!.TrimEnd('/');

    /// <summary>The entry assembly of a service project, e.g. <c>Homelab.DevCluster</c>.</summary>
    public static string Path(string project) =>
        Metadata.SingleOrDefault(a => a.Key == $"Homelab.Service:{project}")?.Value
        ?? throw new InvalidOperationException($"the AppHost was built without {project}");
}
