using Homelab.Api.Infrastructure.V1;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Gating;

/// <summary>
/// Turns the infrastructure layer's status into one Application's decision: the whole layer, or only the
/// Kustomizations its <see cref="DependsOnAnnotation"/> names (evaluated here from the full list, so one
/// stream serves every Application).
/// </summary>
internal static class LayerGateEvaluator
{
    public const string Prefix = "waiting for infrastructure: ";

    public static LayerGateDecision Decide(LayerView view, KubeObject application)
    {
        if (view.Status is not { } status)
        {
            return LayerGateDecision.Closed(Prefix + $"status unknown ({view.Problem ?? "no answer from the infrastructure service yet"})");
        }

        if (!status.Known)
        {
            return LayerGateDecision.Closed(Prefix + "status unknown (the infrastructure service has not loaded its Kustomizations yet)");
        }

        var dependsOn = DependsOnAnnotation.Read(application);
        if (dependsOn.Count == 0)
        {
            return status.Ready || status.Waiting.Count == 0
                ? LayerGateDecision.Opened
                : LayerGateDecision.Closed(Prefix + Describe(status.Waiting));
        }

        var byKey = status.Kustomizations.ToDictionary(k => (k.Ref.Namespace, k.Ref.Name));
        var waiting = new List<KustomizationReadiness>();
        foreach (var key in dependsOn)
        {
            if (!byKey.TryGetValue(key, out var readiness))
            {
                waiting.Add(new KustomizationReadiness
                {
                    Ref = new ObjectRef { Kind = "Kustomization", Namespace = key.Namespace, Name = key.Name },
                    Reason = "NotFound",
                    Message = "no such Kustomization",
                });
            }
            else if (!readiness.Ready)
            {
                waiting.Add(readiness);
            }
        }

        return waiting.Count == 0 ? LayerGateDecision.Opened : LayerGateDecision.Closed(Prefix + Describe(waiting));
    }

    /// <summary>The first Kustomization not ready (the rest usually wait for it), and how many more there are.</summary>
    private static string Describe(IReadOnlyList<KustomizationReadiness> waiting)
    {
        var first = waiting[0];
        var detail = string.IsNullOrEmpty(first.Message) ? first.Reason : $"{first.Reason}: {first.Message}";
        var text = $"Kustomization {first.Ref.Namespace}/{first.Ref.Name} is not ready ({detail})";
        return waiting.Count > 1 ? $"{text}, and {waiting.Count - 1} more" : text;
    }
}
