using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

/// <summary>
/// HorizontalPodAutoscaler health from its conditions: <c>status.conditions</c> in v2, and the
/// <c>autoscaling.alpha.kubernetes.io/conditions</c> annotation in v1, which has no conditions field.
/// </summary>
internal sealed class HorizontalPodAutoscalerHealth : IHealthRule
{
    public const string V1ConditionsAnnotation = "autoscaling.alpha.kubernetes.io/conditions";

    private const string WaitingMessage = "Waiting to Autoscale";

    public bool AppliesTo(KubeObject obj) => obj.Kind == "HorizontalPodAutoscaler" && obj.Group == "autoscaling";

    public HealthStatus Assess(KubeObject obj)
    {
        IReadOnlyList<StatusCondition> conditions;
        if (obj.Version == "v1")
        {
            if (obj.GetAnnotation(V1ConditionsAnnotation) is not { Length: > 0 } annotation)
            {
                return HealthStatus.Progressing(WaitingMessage);
            }

            try
            {
                conditions = StatusCondition.Parse(JsonNode.Parse(annotation));
            }
            catch (JsonException e)
            {
                return HealthStatus.Unknown($"annotation {V1ConditionsAnnotation} is not valid JSON: {e.Message}");
            }
        }
        else
        {
            conditions = StatusCondition.ReadAll(obj);
        }

        // Any failure wins over the conditions that say scaling works: an HPA that can scale but cannot read its
        // metrics will never scale.
        if (conditions.FirstOrDefault(IsFailure) is { } failure)
        {
            return HealthStatus.Degraded(failure.Describe());
        }

        if (conditions.FirstOrDefault(c => c.IsTrue && c.Type is "AbleToScale" or "ScalingLimited") is { } healthy)
        {
            return HealthStatus.Healthy(healthy.Message is { Length: > 0 } message ? message : healthy.Type);
        }

        return HealthStatus.Progressing(WaitingMessage);
    }

    /// <summary>
    /// Argo CD's failure reasons (FailedGetScale, FailedUpdateScale, FailedGetResourceMetric, InvalidSelector),
    /// widened to every metric source the HPA controller can fail to read (pods, object, external, container).
    /// </summary>
    private static bool IsFailure(StatusCondition condition) => condition.Type switch
    {
        "AbleToScale" => condition.Reason is "FailedGetScale" or "FailedUpdateScale",
        "ScalingActive" => condition.Reason == "InvalidSelector"
            || (condition.Reason.StartsWith("FailedGet", StringComparison.Ordinal) && condition.Reason.EndsWith("Metric", StringComparison.Ordinal)),
        _ => false,
    };
}
