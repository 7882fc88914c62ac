using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;
using static Homelab.DevCluster.Defaulting.JsonDefaults;

namespace Homelab.DevCluster.Defaulting;

/// <summary>
/// The real API server's defaulting for the kinds GitOps tools apply, so that what a client reads
/// back (and has to diff against) looks like a real cluster's object.
/// </summary>
internal sealed class ObjectDefaulter(ClusterIpAllocator allocator)
{
    public void Default(ResourceType type, JsonObject body, bool isCreate)
    {
        if (type.IsCustom)
        {
            return;
        }

        var spec = body["spec"] as JsonObject;
        switch (type.Kind)
        {
            case "Namespace":
                DefaultNamespace(body, isCreate);
                break;
            case "Secret":
                SetIfMissing(body, "type", "Opaque");
                break;
            case "Service":
                DefaultService(body);
                break;
            case "Deployment" when spec is not null:
                DefaultDeployment(spec);
                break;
            case "StatefulSet" when spec is not null:
                DefaultStatefulSet(spec);
                break;
            case "DaemonSet" when spec is not null:
                SetIfMissing(spec, "revisionHistoryLimit", 10);
                var ds = Object(spec, "updateStrategy");
                SetIfMissing(ds, "type", "RollingUpdate");
                if ((string?)ds["type"] == "RollingUpdate")
                {
                    var rolling = Object(ds, "rollingUpdate");
                    SetIfMissing(rolling, "maxUnavailable", 1);
                    SetIfMissing(rolling, "maxSurge", 0);
                }

                DefaultTemplate(spec);
                break;
            case "ReplicaSet" when spec is not null:
                SetIfMissing(spec, "replicas", 1);
                DefaultTemplate(spec);
                break;
            case "Job" when spec is not null:
                DefaultJob(spec);
                break;
            case "CronJob" when spec is not null:
                SetIfMissing(spec, "concurrencyPolicy", "Allow");
                SetIfMissing(spec, "suspend", false);
                SetIfMissing(spec, "successfulJobsHistoryLimit", 3);
                SetIfMissing(spec, "failedJobsHistoryLimit", 1);
                if (spec["jobTemplate"]?["spec"] is JsonObject jobSpec)
                {
                    DefaultJob(jobSpec);
                }

                break;
            case "Pod" when spec is not null:
                PodTemplateDefaults.DefaultPodSpec(spec);
                SetIfMissing(spec, "enableServiceLinks", true);
                break;
            case "PersistentVolumeClaim" when spec is not null:
                SetIfMissing(spec, "volumeMode", "Filesystem");
                if (isCreate)
                {
                    SetIfMissing(body, "status", new JsonObject { ["phase"] = "Pending" });
                }

                break;
        }
    }

    private static void DefaultNamespace(JsonObject body, bool isCreate)
    {
        var metadata = (JsonObject)body["metadata"]!;
        Object(metadata, "labels")["kubernetes.io/metadata.name"] = metadata["name"]?.DeepClone();
        var spec = Object(body, "spec");
        if (isCreate)
        {
            SetIfMissing(spec, "finalizers", new JsonArray("kubernetes"));
            body["status"] = new JsonObject { ["phase"] = "Active" };
        }
    }

    private void DefaultService(JsonObject body)
    {
        var spec = Object(body, "spec");
        SetIfMissing(spec, "type", "ClusterIP");
        var serviceType = (string?)spec["type"];
        SetIfMissing(spec, "sessionAffinity", "None");
        foreach (var port in Items(spec["ports"]))
        {
            SetIfMissing(port, "protocol", "TCP");
            SetIfMissing(port, "targetPort", port["port"]?.DeepClone());
            if (serviceType is "NodePort" or "LoadBalancer")
            {
                SetIfMissing(port, "nodePort", allocator.NextNodePort());
            }
        }

        if (serviceType == "ExternalName")
        {
            return;
        }

        SetIfMissing(spec, "internalTrafficPolicy", "Cluster");
        if (serviceType is "NodePort" or "LoadBalancer")
        {
            SetIfMissing(spec, "externalTrafficPolicy", "Cluster");
        }

        if (serviceType == "LoadBalancer")
        {
            SetIfMissing(spec, "allocateLoadBalancerNodePorts", true);
        }

        if (spec["clusterIP"] is null)
        {
            var ip = allocator.NextClusterIp();
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }
        else
        {
            SetIfMissing(spec, "clusterIPs", new JsonArray(spec["clusterIP"]!.DeepClone()));
        }

        SetIfMissing(spec, "ipFamilies", new JsonArray("IPv4"));
        SetIfMissing(spec, "ipFamilyPolicy", "SingleStack");
        SetIfMissing(body, "status", new JsonObject { ["loadBalancer"] = new JsonObject() });
    }

    private static void DefaultDeployment(JsonObject spec)
    {
        SetIfMissing(spec, "replicas", 1);
        SetIfMissing(spec, "revisionHistoryLimit", 10);
        SetIfMissing(spec, "progressDeadlineSeconds", 600);
        var strategy = Object(spec, "strategy");
        SetIfMissing(strategy, "type", "RollingUpdate");
        if ((string?)strategy["type"] == "RollingUpdate")
        {
            var rolling = Object(strategy, "rollingUpdate");
            SetIfMissing(rolling, "maxUnavailable", "25%");
            SetIfMissing(rolling, "maxSurge", "25%");
        }

        DefaultTemplate(spec);
    }

    private static void DefaultStatefulSet(JsonObject spec)
    {
        SetIfMissing(spec, "replicas", 1);
        SetIfMissing(spec, "podManagementPolicy", "OrderedReady");
        SetIfMissing(spec, "revisionHistoryLimit", 10);
        var strategy = Object(spec, "updateStrategy");
        SetIfMissing(strategy, "type", "RollingUpdate");
        if ((string?)strategy["type"] == "RollingUpdate")
        {
            SetIfMissing(Object(strategy, "rollingUpdate"), "partition", 0);
        }

        SetIfMissing(spec, "persistentVolumeClaimRetentionPolicy", new JsonObject { ["whenDeleted"] = "Retain", ["whenScaled"] = "Retain" });
        DefaultTemplate(spec);
    }

    private static void DefaultJob(JsonObject spec)
    {
        SetIfMissing(spec, "parallelism", 1);
        SetIfMissing(spec, "completions", 1);
        SetIfMissing(spec, "backoffLimit", 6);
        SetIfMissing(spec, "completionMode", "NonIndexed");
        SetIfMissing(spec, "suspend", false);
        SetIfMissing(spec, "podReplacementPolicy", "TerminatingOrFailed");
        if (spec["template"]?["spec"] is JsonObject podSpec)
        {
            PodTemplateDefaults.DefaultPodSpec(podSpec, restartPolicy: "Never");
        }
    }

    private static void DefaultTemplate(JsonObject spec)
    {
        if (spec["template"] is JsonObject template)
        {
            SetIfMissing(template, "metadata", new JsonObject());
            if (template["spec"] is JsonObject podSpec)
            {
                PodTemplateDefaults.DefaultPodSpec(podSpec);
            }
        }
    }
}
