using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Telemetry;

/// <summary>The label values Argo CD's metrics use for one Application, read from its spec and status.</summary>
internal sealed record ApplicationLabels(string Namespace, string Name, string Project, string Repo, string DestServer, string DestNamespace)
{
    /// <summary>What <c>destination.name: in-cluster</c> stands for, as Argo reports it.</summary>
    public const string InClusterServer = "https://kubernetes.default.svc";

    public static ApplicationLabels Of(KubeObject application)
    {
        var project = application.GetString("spec", "project");
        var server = application.GetString("spec", "destination", "server");
        var destName = application.GetString("spec", "destination", "name");
        if (string.IsNullOrEmpty(server) && destName == "in-cluster")
        {
            server = InClusterServer;
        }

        // Multi-source applications report their first source, as Argo's metrics do.
        var repo = application.GetString("spec", "source", "repoURL")
            ?? ((application.Get("spec", "sources") as JsonArray)?.FirstOrDefault() as JsonObject)?["repoURL"]?.GetValue<string>();
        return new ApplicationLabels(
            application.Namespace ?? "",
            application.Name,
            string.IsNullOrEmpty(project) ? "default" : project,
            repo ?? "",
            server ?? "",
            application.GetString("spec", "destination", "namespace") ?? "");
    }
}
