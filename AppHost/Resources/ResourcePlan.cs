using System.Globalization;
using Homelab.AppHost.Processes;

namespace Homelab.AppHost.Resources;

/// <summary>
/// What the AppHost runs, in start order. Today that is the embedded dev cluster; the infrastructure
/// and application reconcilers join this list (depending on it) as they are built.
/// </summary>
internal static class ResourcePlan
{
    public const string DevCluster = "dev-cluster";

    public static IReadOnlyList<ResourceSpec> Create(string stateDirectory)
    {
        var kubeconfig = Path.Combine(stateDirectory, "kubeconfig");
        var port = FreePort.Next();
        var api = new Uri($"http://127.0.0.1:{port}/");
        return
        [
            new ResourceSpec
            {
                Name = DevCluster,
                Assembly = ServiceAssemblies.Path("Homelab.DevCluster"),
                Arguments = ["--port", port.ToString(CultureInfo.InvariantCulture), "--kubeconfig-out", kubeconfig],
                Endpoints = new Dictionary<string, Uri> { ["api"] = api, ["metrics"] = new(api, "metrics") },
                Details = new Dictionary<string, string> { ["kubeconfig"] = kubeconfig },
                ReadinessUrl = new Uri(api, "version"),
            },
        ];
    }
}
