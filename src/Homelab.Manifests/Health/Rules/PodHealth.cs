using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

/// <summary>
/// Pod health. Pods that restart forever are judged on readiness and container errors; pods with a finite life
/// (restartPolicy Never/OnFailure, usually sync hooks) are judged on their phase only, so that a hook pod waiting
/// for its image is not failed early.
/// </summary>
internal sealed class PodHealth : IHealthRule
{
    /// <summary>Argo CD's opt-in to judge a finite-life pod like a long-running one.</summary>
    public const string IgnoreRestartPolicyAnnotation = "argocd.argoproj.io/ignore-restart-policy";

    public bool AppliesTo(KubeObject obj) => obj.Kind == "Pod" && obj.Group.Length == 0;

    public HealthStatus Assess(KubeObject obj)
    {
        var restartPolicy = obj.GetString("spec", "restartPolicy") ?? "Always";
        var containers = Containers(obj, "containerStatuses");
        var podMessage = obj.GetString("status", "message") ?? "";

        if (restartPolicy == "Always" && ContainerErrors(containers) is { Count: > 0 } errors)
        {
            return HealthStatus.Degraded(string.Join(", ", errors));
        }

        var phase = obj.GetString("status", "phase") ?? "";
        switch (phase)
        {
            case "Pending":
                return HealthStatus.Progressing(Or(podMessage, "Pod is pending"));
            case "Succeeded":
                return HealthStatus.Healthy(Or(podMessage, "Pod completed successfully"));
            case "Failed":
                var allContainers = Containers(obj, "initContainerStatuses").Concat(containers);
                return HealthStatus.Degraded(Or(podMessage, allContainers.Select(FailureMessage).FirstOrDefault(m => m.Length > 0) ?? "", "Pod failed"));
            case "Running":
                var longRunning = restartPolicy == "Always" || obj.GetAnnotation(IgnoreRestartPolicyAnnotation) is not null;
                return longRunning
                    ? AssessRunning(obj, containers, podMessage)
                    : HealthStatus.Progressing(Or(podMessage, "Pod is running"));
            default:
                return HealthStatus.Unknown(Or(podMessage, phase.Length == 0 ? "Pod has no phase yet" : $"Pod phase {phase} is not known"));
        }
    }

    private static HealthStatus AssessRunning(KubeObject obj, IReadOnlyList<JsonObject> containers, string podMessage)
    {
        if (StatusCondition.Find(obj, "Ready") is { IsTrue: true })
        {
            return HealthStatus.Healthy(Or(podMessage, "Pod is running and ready"));
        }

        // A container that already terminated once and is not ready again is crash-looping, not starting.
        var restarted = containers.FirstOrDefault(c => c["lastState"]?["terminated"] is JsonObject);
        if (restarted is not null)
        {
            var name = StatusFields.AsString(restarted["name"]) ?? "";
            return HealthStatus.Degraded(Or(podMessage, $"container \"{name}\" terminated and the pod is not ready"));
        }

        return HealthStatus.Progressing(Or(podMessage, "Pod is running but not ready"));
    }

    private static List<string> ContainerErrors(IReadOnlyList<JsonObject> containers)
    {
        var errors = new List<string>();
        foreach (var container in containers)
        {
            if (container["state"]?["waiting"] is not JsonObject waiting)
            {
                continue;
            }

            var reason = StatusFields.AsString(waiting["reason"]) ?? "";
            if (reason.StartsWith("Err", StringComparison.Ordinal) || reason.EndsWith("Error", StringComparison.Ordinal)
                || reason.EndsWith("BackOff", StringComparison.Ordinal))
            {
                var name = StatusFields.AsString(container["name"]) ?? "";
                var message = StatusFields.AsString(waiting["message"]);
                errors.Add(string.IsNullOrEmpty(message) ? $"container \"{name}\": {reason}" : message);
            }
        }

        return errors;
    }

    private static string FailureMessage(JsonObject container)
    {
        if (container["state"]?["terminated"] is not JsonObject terminated)
        {
            return "";
        }

        if (StatusFields.AsString(terminated["message"]) is { Length: > 0 } message)
        {
            return message;
        }

        if (StatusFields.AsString(terminated["reason"]) == "OOMKilled")
        {
            return "OOMKilled";
        }

        var exitCode = StatusFields.AsInteger(terminated["exitCode"]) ?? 0;
        var name = StatusFields.AsString(container["name"]) ?? "";
        return exitCode != 0 ? $"container \"{name}\" failed with exit code {exitCode}" : "";
    }

    private static List<JsonObject> Containers(KubeObject obj, string field) =>
        obj.GetArray("status", field)?.OfType<JsonObject>().ToList() ?? [];

    private static string Or(params string[] candidates) => candidates.First(c => c.Length > 0);
}
