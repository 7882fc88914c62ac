using System.Globalization;
using Homelab.AppHost.Configuration;
using Homelab.AppHost.Processes;

namespace Homelab.AppHost.Resources;

/// <summary>
/// What the AppHost runs, in start order: the embedded dev cluster (unless a real cluster was given), the
/// infrastructure reconciler, then the application reconciler, which streams the infrastructure's status.
/// Every port is chosen up front so each service's URLs can be injected into the services that call it.
/// </summary>
internal static class ResourcePlan
{
    public const string DevCluster = "dev-cluster";
    public const string Infrastructure = "infrastructure";
    public const string Applications = "applications";

    public static IReadOnlyList<ResourceSpec> Create(AppHostOptions options, string token, IReadOnlyList<RepositoryMapping> mappings)
    {
        var resources = new List<ResourceSpec>();
        var kubeconfig = options.Kubeconfig;
        if (kubeconfig is null)
        {
            kubeconfig = Path.Combine(options.StateDirectory, "kubeconfig");
            var port = FreePort.Next();
            var api = new Uri($"http://127.0.0.1:{port}/");
            resources.Add(new ResourceSpec
            {
                Name = DevCluster,
                Assembly = ServiceAssemblies.Path("Homelab.DevCluster"),
                Arguments = ["--port", port.ToString(CultureInfo.InvariantCulture), "--kubeconfig-out", kubeconfig],
                Endpoints = new Dictionary<string, Uri> { ["api"] = api, ["metrics"] = new(api, "metrics") },
                Details = new Dictionary<string, string> { ["kubeconfig"] = kubeconfig },
                ReadinessUrl = new Uri(api, "version"),
            });
        }

        var infrastructure = Service(Infrastructure, "Homelab.Infrastructure", options.StateDirectory, kubeconfig, token, mappings, [.. resources.Select(r => r.Name)], new Dictionary<string, string>());
        resources.Add(infrastructure);
        var applications = Service(Applications, "Homelab.Applications", options.StateDirectory, kubeconfig, token, mappings, [Infrastructure], new Dictionary<string, string>
        {
            // Aspire's service-discovery form: the application reconciler gates on this service's WatchLayer stream.
            ["services__infrastructure__grpc__0"] = infrastructure.Endpoints["grpc"].ToString().TrimEnd('/'),
        });
        // The web UI (Homelab.Web) is served by the application service on its HTTP endpoint.
        resources.Add(applications with { Endpoints = new Dictionary<string, Uri>(applications.Endpoints) { ["ui"] = new(applications.Endpoints["http"], "ui/") } });
        return resources;
    }

    private static ResourceSpec Service(
        string name,
        string project,
        string stateDirectory,
        string kubeconfig,
        string token,
        IReadOnlyList<RepositoryMapping> mappings,
        IReadOnlyList<string> dependsOn,
        IReadOnlyDictionary<string, string> extraEnvironment)
    {
        var http = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var grpc = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var environment = new Dictionary<string, string>
        {
            ["Kubernetes__Kubeconfig"] = kubeconfig,
            ["Endpoints__Http"] = http.ToString().TrimEnd('/'),
            ["Endpoints__Grpc"] = grpc.ToString().TrimEnd('/'),
            ["Api__Token"] = token,
            ["OTEL_SERVICE_NAME"] = $"homelab-{name}",
            ["DOTNET_ENVIRONMENT"] = "Development",
            // Each service keeps its Git cache and snapshots to itself, under the state directory.
            ["Git__CacheDirectory"] = Path.Combine(stateDirectory, name, "git-cache"),
            ["Git__Snapshots__Directory"] = Path.Combine(stateDirectory, name, "snapshots"),
        };
        if (System.Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        }

        foreach (var (key, value) in extraEnvironment)
        {
            environment[key] = value;
        }

        for (var i = 0; i < mappings.Count; i++)
        {
            environment[$"Git__UrlMappings__{i}__From"] = mappings[i].From;
            environment[$"Git__UrlMappings__{i}__To"] = mappings[i].To;
        }

        return new ResourceSpec
        {
            Name = name,
            Assembly = ServiceAssemblies.Path(project),
            Environment = environment,
            DependsOn = dependsOn,
            Endpoints = new Dictionary<string, Uri> { ["grpc"] = grpc, ["http"] = http, ["metrics"] = new(http, "metrics") },
            ReadinessUrl = new Uri(http, "health"),
        };
    }
}
