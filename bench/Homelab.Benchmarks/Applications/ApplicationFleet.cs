using Homelab.Benchmarks.Infrastructure;
using Homelab.Controllers.Hosting;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ApplicationsHost = Homelab.Applications.ServiceHost;

namespace Homelab.Benchmarks.Applications;

/// <summary>
/// The real application service (in-process, <see cref="ApplicationsHost.Build"/>) on a <see cref="FleetBed"/>,
/// with one automated Application per fleet folder: what the application and web UI scenarios share.
/// </summary>
internal static class ApplicationFleet
{
    public const string ControlPlaneNamespace = "argocd";
    public const string ApplicationApiVersion = "argoproj.io/v1alpha1";

    /// <summary>Creates the control plane's and the apps' namespaces and builds the service (not started).</summary>
    public static async Task<WebApplication> BuildServiceAsync(FleetBed bed, CancellationToken cancellationToken)
    {
        foreach (var ns in new[] { ControlPlaneNamespace, FleetRepository.AppsNamespace })
        {
            await bed.Client.CreateAsync(KubeObject.FromJson($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{ns}}}"}}"""), new WriteOptions(), cancellationToken);
        }

        var settings = bed.ServiceSettings();
        return ApplicationsHost.Build([], config => config.AddInMemoryCollection(settings));
    }

    /// <summary>Starts the service and waits until its CRDs are installed and served to the bench's client.</summary>
    public static async Task StartServiceAsync(WebApplication app, FleetBed bed, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<CrdInstallation>().Completed.WaitAsync(cancellationToken);
        await bed.WaitForKindAsync("argoproj.io", "Application", cancellationToken);
    }

    /// <summary>One automated Application for each of the first <paramref name="count"/> fleet folders, named after it.</summary>
    public static async Task CreateApplicationsAsync(FleetBed bed, int count, CancellationToken cancellationToken)
    {
        for (var k = 0; k < count; k++)
        {
            await bed.Client.CreateAsync(KubeObject.FromJson(ApplicationJson(FleetRepository.Folder(k), FleetServiceSettings.FleetUrl)), new WriteOptions(), cancellationToken);
        }
    }

    private static string ApplicationJson(string name, string url) => $$$"""
        {
          "apiVersion": "{{{ApplicationApiVersion}}}",
          "kind": "Application",
          "metadata": {"name": "{{{name}}}", "namespace": "{{{ControlPlaneNamespace}}}"},
          "spec": {
            "project": "default",
            "source": {"repoURL": "{{{url}}}", "targetRevision": "main", "path": "apps/{{{name}}}"},
            "destination": {"server": "https://kubernetes.default.svc", "namespace": "{{{FleetRepository.AppsNamespace}}}"},
            "syncPolicy": {"automated": {"prune": true}}
          }
        }
        """;
}
