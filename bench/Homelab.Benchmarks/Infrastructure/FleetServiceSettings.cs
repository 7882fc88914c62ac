using Homelab.Testing.Git;

namespace Homelab.Benchmarks.Infrastructure;

/// <summary>
/// The configuration both reconcilers run with in a fleet benchmark: the dev cluster, loopback endpoints on
/// free ports, private Git directories, and the fleet's HTTPS URL mapped to the local git daemon (as a dev
/// setup maps a GitHub URL to a local mirror: Flux and Argo CD specs name http(s) or ssh URLs).
/// </summary>
internal static class FleetServiceSettings
{
    public const string FleetUrl = "https://git.bench.invalid/fleet.git";

    public static Dictionary<string, string?> For(string kubeconfig, string workDirectory, GitDaemonServer daemon) => new()
    {
        ["Kubernetes:Kubeconfig"] = kubeconfig,
        ["Endpoints:Http"] = "http://127.0.0.1:0",
        ["Endpoints:Grpc"] = "http://127.0.0.1:0",
        ["Api:Token"] = Guid.NewGuid().ToString("N"),
        ["Git:CacheDirectory"] = Path.Combine(workDirectory, "git-cache"),
        ["Git:Snapshots:Directory"] = Path.Combine(workDirectory, "snapshots"),
        ["Git:UrlMappings:0:From"] = FleetUrl,
        ["Git:UrlMappings:0:To"] = daemon.UrlFor("fleet.git"),
        // Objects created before their source is fetched log a warning each until it is: keep the figures readable.
        ["Logging:LogLevel:Default"] = "Error",
    };
}
