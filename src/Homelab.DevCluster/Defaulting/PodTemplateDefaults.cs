using System.Text.Json.Nodes;
using static Homelab.DevCluster.Defaulting.JsonDefaults;

namespace Homelab.DevCluster.Defaulting;

/// <summary>The API server's defaults for a pod spec and its containers, probes and volumes.</summary>
internal static class PodTemplateDefaults
{
    public static void DefaultPodSpec(JsonObject spec, string restartPolicy = "Always")
    {
        SetIfMissing(spec, "restartPolicy", restartPolicy);
        SetIfMissing(spec, "dnsPolicy", "ClusterFirst");
        SetIfMissing(spec, "schedulerName", "default-scheduler");
        SetIfMissing(spec, "securityContext", new JsonObject());
        SetIfMissing(spec, "terminationGracePeriodSeconds", 30);
        foreach (var field in new[] { "containers", "initContainers" })
        {
            foreach (var container in Items(spec[field]))
            {
                DefaultContainer(container);
            }
        }

        foreach (var volume in Items(spec["volumes"]))
        {
            foreach (var source in new[] { "configMap", "secret" })
            {
                if (volume[source] is JsonObject projected)
                {
                    SetIfMissing(projected, "defaultMode", 420);
                }
            }
        }
    }

    private static void DefaultContainer(JsonObject container)
    {
        var image = container["image"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        SetIfMissing(container, "imagePullPolicy", PullPolicyFor(image));
        SetIfMissing(container, "terminationMessagePath", "/dev/termination-log");
        SetIfMissing(container, "terminationMessagePolicy", "File");
        SetIfMissing(container, "resources", new JsonObject());
        foreach (var port in Items(container["ports"]))
        {
            SetIfMissing(port, "protocol", "TCP");
        }

        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[probe] is JsonObject p)
            {
                SetIfMissing(p, "timeoutSeconds", 1);
                SetIfMissing(p, "periodSeconds", 10);
                SetIfMissing(p, "successThreshold", 1);
                SetIfMissing(p, "failureThreshold", 3);
                if (p["httpGet"] is JsonObject http)
                {
                    SetIfMissing(http, "path", "/");
                    SetIfMissing(http, "scheme", "HTTP");
                }
            }
        }
    }

    private static string PullPolicyFor(string image)
    {
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        if (lastSegment.Contains('@', StringComparison.Ordinal))
        {
            return "IfNotPresent";
        }

        var colon = lastSegment.LastIndexOf(':');
        return colon < 0 || lastSegment[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }
}
