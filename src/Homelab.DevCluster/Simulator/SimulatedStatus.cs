using System.Text.Json.Nodes;

namespace Homelab.DevCluster.Simulator;

/// <summary>The status a controller and kubelet would eventually write, per kind (kwok's idea, reduced).</summary>
internal static class SimulatedStatus
{
    /// <summary>Whether an object of this kind still waits for its simulated status.</summary>
    public static bool NeedsStatus(string kind, JsonObject o)
    {
        var generation = o["metadata"]?["generation"]?.GetValue<long>();
        var observed = o["status"]?["observedGeneration"]?.GetValue<long>();
        return kind switch
        {
            "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" => observed != generation,
            "Job" => !(o["status"]?["conditions"] as JsonArray ?? []).Any(c => (string?)c?["type"] is "Complete" or "Failed"),
            "PersistentVolumeClaim" => (string?)o["status"]?["phase"] != "Bound",
            "Service" => (string?)o["spec"]?["type"] == "LoadBalancer" && o["status"]?["loadBalancer"]?["ingress"] is null,
            "Ingress" => o["status"]?["loadBalancer"]?["ingress"] is null,
            _ => false,
        };
    }

    /// <summary>The new status (null: leave the object as it is).</summary>
    public static JsonObject? For(string kind, JsonObject o, bool fail, string now)
    {
        var generation = o["metadata"]?["generation"]?.GetValue<long>() ?? 1;
        var replicas = o["spec"]?["replicas"]?.GetValue<long>() ?? 1;
        return kind switch
        {
            "Deployment" => Deployment(replicas, generation, fail, now),
            "StatefulSet" => new JsonObject
            {
                ["observedGeneration"] = generation,
                ["replicas"] = replicas,
                ["readyReplicas"] = replicas,
                ["currentReplicas"] = replicas,
                ["updatedReplicas"] = replicas,
                ["availableReplicas"] = replicas,
                ["currentRevision"] = $"{o["metadata"]?["name"]}-{generation}",
                ["updateRevision"] = $"{o["metadata"]?["name"]}-{generation}",
                ["collisionCount"] = 0,
            },
            "DaemonSet" => new JsonObject
            {
                ["observedGeneration"] = generation,
                ["desiredNumberScheduled"] = 1,
                ["currentNumberScheduled"] = 1,
                ["updatedNumberScheduled"] = 1,
                ["numberAvailable"] = 1,
                ["numberReady"] = 1,
                ["numberMisscheduled"] = 0,
            },
            "ReplicaSet" => new JsonObject
            {
                ["observedGeneration"] = generation,
                ["replicas"] = replicas,
                ["fullyLabeledReplicas"] = replicas,
                ["readyReplicas"] = replicas,
                ["availableReplicas"] = replicas,
            },
            "Job" => Job(fail, now),
            "PersistentVolumeClaim" when !fail => new JsonObject
            {
                ["phase"] = "Bound",
                ["accessModes"] = o["spec"]?["accessModes"]?.DeepClone(),
                ["capacity"] = o["spec"]?["resources"]?["requests"]?.DeepClone(),
            },
            "Service" or "Ingress" => new JsonObject
            {
                ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = "192.0.2.10" }) },
            },
            _ => null,
        };
    }

    private static JsonObject Deployment(long replicas, long generation, bool fail, string now)
    {
        var status = new JsonObject { ["observedGeneration"] = generation };
        if (fail)
        {
            status["replicas"] = replicas;
            status["updatedReplicas"] = replicas;
            status["unavailableReplicas"] = replicas;
            status["conditions"] = new JsonArray(
                Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now),
                Condition("Progressing", "False", "ProgressDeadlineExceeded", "ReplicaSet has timed out progressing.", now));
            return status;
        }

        status["replicas"] = replicas;
        status["updatedReplicas"] = replicas;
        status["readyReplicas"] = replicas;
        status["availableReplicas"] = replicas;
        status["conditions"] = new JsonArray(
            Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now),
            Condition("Progressing", "True", "NewReplicaSetAvailable", "ReplicaSet has successfully progressed.", now));
        return status;
    }

    private static JsonObject Job(bool fail, string now)
    {
        var status = new JsonObject { ["startTime"] = now };
        if (fail)
        {
            status["failed"] = 1;
            status["conditions"] = new JsonArray(
                Condition("FailureTarget", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now),
                Condition("Failed", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now));
        }
        else
        {
            status["succeeded"] = 1;
            status["completionTime"] = now;
            status["conditions"] = new JsonArray(
                Condition("SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods", now),
                Condition("Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", now));
        }

        return status;
    }

    private static JsonObject Condition(string type, string status, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastUpdateTime"] = now,
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
