using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Errors;

namespace Homelab.DevCluster.Validation;

/// <summary>
/// The real API server decodes built-in kinds into Go structs, so a value of the wrong JSON type
/// (<c>replicas: "two"</c>, an env <c>value: yes</c> that YAML made a boolean, a label <c>enabled: true</c>)
/// is a 400 before any validation runs. These are the classic YAML traps a GitOps render can carry,
/// so the dev cluster checks the fields where they occur: a dry run here must catch what a real
/// cluster would refuse.
/// </summary>
internal static class FieldTypes
{
    private static readonly FieldRule[] Metadata =
    [
        new("metadata.name", FieldType.String),
        new("metadata.namespace", FieldType.String),
        new("metadata.labels.*", FieldType.String),
        new("metadata.annotations.*", FieldType.String),
    ];

    private static readonly FieldRule[] Container =
    [
        new("name", FieldType.String),
        new("image", FieldType.String),
        new("imagePullPolicy", FieldType.String),
        new("command[]", FieldType.String),
        new("args[]", FieldType.String),
        new("workingDir", FieldType.String),
        new("ports[].containerPort", FieldType.Integer),
        new("ports[].hostPort", FieldType.Integer),
        new("ports[].protocol", FieldType.String),
        new("ports[].name", FieldType.String),
        new("env[].name", FieldType.String),
        new("env[].value", FieldType.String),
        new("resources.limits.*", FieldType.Quantity),
        new("resources.requests.*", FieldType.Quantity),
        new("securityContext.runAsUser", FieldType.Integer),
        new("securityContext.runAsGroup", FieldType.Integer),
        new("securityContext.runAsNonRoot", FieldType.Boolean),
        new("securityContext.readOnlyRootFilesystem", FieldType.Boolean),
        new("securityContext.allowPrivilegeEscalation", FieldType.Boolean),
        new("securityContext.privileged", FieldType.Boolean),
        .. Probe("livenessProbe"),
        .. Probe("readinessProbe"),
        .. Probe("startupProbe"),
    ];

    private static readonly FieldRule[] PodSpec =
    [
        .. Container.Select(r => r.Under("containers[]")),
        .. Container.Select(r => r.Under("initContainers[]")),
        new("serviceAccountName", FieldType.String),
        new("restartPolicy", FieldType.String),
        new("nodeSelector.*", FieldType.String),
        new("hostNetwork", FieldType.Boolean),
        new("terminationGracePeriodSeconds", FieldType.Integer),
        new("securityContext.runAsUser", FieldType.Integer),
        new("securityContext.runAsGroup", FieldType.Integer),
        new("securityContext.fsGroup", FieldType.Integer),
        new("securityContext.runAsNonRoot", FieldType.Boolean),
        new("volumes[].name", FieldType.String),
    ];

    private static readonly FieldRule[] Replicated =
    [
        new("spec.replicas", FieldType.Integer),
        new("spec.minReadySeconds", FieldType.Integer),
        new("spec.revisionHistoryLimit", FieldType.Integer),
        new("spec.selector.matchLabels.*", FieldType.String),
        .. Template("spec.template.spec"),
    ];

    private static readonly Dictionary<(string Group, string Kind), FieldRule[]> ByKind = new()
    {
        [("apps", "Deployment")] = [.. Replicated, new("spec.paused", FieldType.Boolean), new("spec.progressDeadlineSeconds", FieldType.Integer)],
        [("apps", "StatefulSet")] = [.. Replicated, new("spec.serviceName", FieldType.String)],
        [("apps", "ReplicaSet")] = Replicated,
        [("apps", "DaemonSet")] = [new("spec.minReadySeconds", FieldType.Integer), .. Template("spec.template.spec")],
        [("batch", "Job")] = [.. JobSpec("spec"), .. Template("spec.template.spec")],
        [("batch", "CronJob")] =
        [
            new("spec.schedule", FieldType.String),
            new("spec.suspend", FieldType.Boolean),
            new("spec.successfulJobsHistoryLimit", FieldType.Integer),
            new("spec.failedJobsHistoryLimit", FieldType.Integer),
            .. JobSpec("spec.jobTemplate.spec"),
            .. Template("spec.jobTemplate.spec.template.spec"),
        ],
        [("", "Pod")] = [.. PodSpec.Select(r => r.Under("spec"))],
        [("", "Service")] =
        [
            new("spec.type", FieldType.String),
            new("spec.selector.*", FieldType.String),
            new("spec.ports[].port", FieldType.Integer),
            new("spec.ports[].targetPort", FieldType.IntegerOrString),
            new("spec.ports[].nodePort", FieldType.Integer),
            new("spec.ports[].protocol", FieldType.String),
            new("spec.ports[].name", FieldType.String),
        ],
        [("", "ConfigMap")] = [new("data.*", FieldType.String), new("binaryData.*", FieldType.String)],
        [("", "Secret")] = [new("data.*", FieldType.String), new("stringData.*", FieldType.String), new("type", FieldType.String)],
        [("", "PersistentVolumeClaim")] =
        [
            new("spec.storageClassName", FieldType.String),
            new("spec.accessModes[]", FieldType.String),
            new("spec.resources.requests.*", FieldType.Quantity),
        ],
        [("networking.k8s.io", "Ingress")] =
        [
            new("spec.ingressClassName", FieldType.String),
            new("spec.rules[].host", FieldType.String),
            new("spec.rules[].http.paths[].path", FieldType.String),
            new("spec.rules[].http.paths[].pathType", FieldType.String),
            new("spec.rules[].http.paths[].backend.service.name", FieldType.String),
            new("spec.rules[].http.paths[].backend.service.port.number", FieldType.Integer),
            new("spec.rules[].http.paths[].backend.service.port.name", FieldType.String),
        ],
    };

    /// <summary>Throws the real server's 400 for the first field whose JSON type cannot decode into the built-in type.</summary>
    public static void ThrowIfMistyped(ResourceType type, JsonObject body)
    {
        if (type.IsCustom)
        {
            return; // custom resources are checked against their CRD's schema, not Go structs
        }

        var rules = ByKind.TryGetValue((type.Group, type.Kind), out var specific) ? [.. Metadata, .. specific] : Metadata;
        foreach (var rule in rules)
        {
            if (rule.FindMismatch(body) is { } mismatch)
            {
                throw ApiErrors.BadRequest(
                    $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: json: cannot unmarshal {mismatch.Actual} into Go struct field .{mismatch.Path} of type {rule.Type.GoName()}");
            }
        }
    }

    private static IEnumerable<FieldRule> Template(string podSpecPath) =>
    [
        new($"{podSpecPath[..^".spec".Length]}.metadata.labels.*", FieldType.String),
        new($"{podSpecPath[..^".spec".Length]}.metadata.annotations.*", FieldType.String),
        .. PodSpec.Select(r => r.Under(podSpecPath)),
    ];

    private static IEnumerable<FieldRule> JobSpec(string path) =>
    [
        new($"{path}.backoffLimit", FieldType.Integer),
        new($"{path}.completions", FieldType.Integer),
        new($"{path}.parallelism", FieldType.Integer),
        new($"{path}.activeDeadlineSeconds", FieldType.Integer),
        new($"{path}.ttlSecondsAfterFinished", FieldType.Integer),
        new($"{path}.suspend", FieldType.Boolean),
    ];

    private static IEnumerable<FieldRule> Probe(string name) =>
    [
        new($"{name}.httpGet.port", FieldType.IntegerOrString),
        new($"{name}.httpGet.path", FieldType.String),
        new($"{name}.tcpSocket.port", FieldType.IntegerOrString),
        new($"{name}.initialDelaySeconds", FieldType.Integer),
        new($"{name}.periodSeconds", FieldType.Integer),
        new($"{name}.timeoutSeconds", FieldType.Integer),
        new($"{name}.failureThreshold", FieldType.Integer),
        new($"{name}.successThreshold", FieldType.Integer),
    ];
}
