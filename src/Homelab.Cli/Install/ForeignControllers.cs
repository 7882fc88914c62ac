using System.Text.Json.Nodes;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Cli.Install;

/// <summary>
/// Finds live Flux or Argo CD controllers. Homelab must not reconcile the same kinds beside them: both
/// would apply, prune and write status on the same objects. A controller scaled to zero replicas is not
/// live (that is the first takeover step).
/// </summary>
public sealed class ForeignControllers(IClusterClient client)
{
    private static readonly HashSet<string> FluxControllers = new(StringComparer.Ordinal)
    {
        "kustomize-controller", "helm-controller", "source-controller",
    };

    private const string ArgoController = "argocd-application-controller";

    /// <summary>One line per live controller, e.g. "Deployment flux-system/kustomize-controller (Flux)"; empty when none.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(CancellationToken cancellationToken)
    {
        var found = new List<string>();
        foreach (var kind in new[] { "Deployment", "StatefulSet" })
        {
            var workloads = await client.ListAsync("apps/v1", kind, new ListOptions(), cancellationToken).ConfigureAwait(false);
            foreach (var workload in workloads.Items.Where(IsLive))
            {
                if (Describe(workload) is { } owner)
                {
                    found.Add($"{kind} {workload.Namespace}/{workload.Name} ({owner})");
                }
            }
        }

        return found;
    }

    private static string? Describe(KubeObject workload)
    {
        var partOf = workload.GetLabel("app.kubernetes.io/part-of");
        if (FluxControllers.Contains(workload.Name) && (workload.Namespace == "flux-system" || partOf == "flux"))
        {
            return "Flux";
        }

        if (workload.Name == ArgoController || (partOf == "argocd" && workload.GetLabel("app.kubernetes.io/component") == "application-controller"))
        {
            return "Argo CD";
        }

        return null;
    }

    private static bool IsLive(KubeObject workload) =>
        workload.Get("spec", "replicas") is not JsonValue replicas || replicas.GetValue<int>() > 0;
}
