using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Errors;

namespace Homelab.DevCluster.Validation;

/// <summary>
/// Fields the real API server refuses to change after creation. GitOps tools must see these errors
/// (Flux's <c>force</c> recreates objects on them), so they are reported exactly as Invalid.
/// </summary>
internal static class ImmutableFields
{
    public static void ThrowIfChanged(ResourceType type, JsonObject old, JsonObject updated, string name)
    {
        var errors = new List<FieldError>();
        switch (type.Kind)
        {
            case "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet":
                Check(old, updated, errors, "spec", "selector");
                break;
            case "Job":
                Check(old, updated, errors, "spec", "selector");
                Check(old, updated, errors, "spec", "template");
                break;
            case "Service":
                if (old["spec"]?["clusterIP"] is JsonValue ip && (string?)ip is { Length: > 0 } and not "None"
                    && updated["spec"]?["clusterIP"] is { } newIp && !JsonNode.DeepEquals(ip, newIp))
                {
                    errors.Add(FieldError.InvalidValue("spec.clusterIPs[0]", newIp.ToJsonString(), "may not change once set"));
                }

                break;
            case "ConfigMap" or "Secret" when old["immutable"] is JsonValue immutable && immutable.TryGetValue<bool>(out var locked) && locked:
                Check(old, updated, errors, "data");
                Check(old, updated, errors, "binaryData");
                if (!JsonNode.DeepEquals(old["immutable"], updated["immutable"]))
                {
                    errors.Add(FieldError.Forbidden("immutable", "field is immutable when `immutable` is set"));
                }

                break;
            case "StorageClass":
                Check(old, updated, errors, "provisioner");
                Check(old, updated, errors, "parameters");
                Check(old, updated, errors, "reclaimPolicy");
                break;
            case "PersistentVolumeClaim":
                CheckClaimSpec(old, updated, errors);
                break;
        }

        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid(type, name, errors);
        }
    }

    private static void Check(JsonObject old, JsonObject updated, List<FieldError> errors, params string[] path)
    {
        var before = At(old, path);
        var after = At(updated, path);
        if (!JsonNode.DeepEquals(before, after))
        {
            errors.Add(FieldError.InvalidValue(string.Join('.', path), after?.ToJsonString() ?? "null", "field is immutable"));
        }
    }

    /// <summary>A claim's spec is immutable except its storage request (expansion) and a few late-bound fields.</summary>
    private static void CheckClaimSpec(JsonObject old, JsonObject updated, List<FieldError> errors)
    {
        static JsonNode? Comparable(JsonObject o)
        {
            var spec = o["spec"]?.DeepClone() as JsonObject;
            (spec?["resources"] as JsonObject)?.Remove("requests");
            spec?.Remove("volumeName");
            spec?.Remove("volumeAttributesClassName");
            return spec;
        }

        if (!JsonNode.DeepEquals(Comparable(old), Comparable(updated)))
        {
            errors.Add(FieldError.Forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"));
        }
    }

    private static JsonNode? At(JsonObject root, string[] path)
    {
        JsonNode? node = root;
        foreach (var key in path)
        {
            node = (node as JsonObject)?[key];
        }

        return node;
    }
}
