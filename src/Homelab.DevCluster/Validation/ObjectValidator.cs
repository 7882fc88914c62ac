using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Errors;

namespace Homelab.DevCluster.Validation;

/// <summary>
/// The validation a GitOps tool can trip over: names, labels, workload selectors and containers,
/// config keys and CRD shape. Everything else is accepted as the real server would accept it.
/// </summary>
internal static class ObjectValidator
{
    public static void ThrowIfInvalid(ResourceType type, JsonObject body, string name)
    {
        FieldTypes.ThrowIfMistyped(type, body);
        var errors = new List<FieldError>();
        ValidateName(type, name, errors);
        ValidateMetadataMaps(body, errors);
        switch (type.Kind)
        {
            case "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet":
                ValidateWorkload(body, errors, requireSelector: true);
                break;
            case "Job":
                ValidateWorkload(body, errors, requireSelector: false);
                break;
            case "Pod":
                ValidateContainers(body["spec"] as JsonObject, "spec", errors);
                break;
            case "ConfigMap" or "Secret":
                ValidateDataKeys(body, errors);
                break;
            case "CustomResourceDefinition":
                CrdValidator.Validate(body, name, errors);
                break;
        }

        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid(type, name, errors);
        }
    }

    private static void ValidateName(ResourceType type, string name, List<FieldError> errors)
    {
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
            return;
        }

        var problem = type.Kind switch
        {
            "Namespace" => NameRules.CheckLabel(name),
            "Service" => NameRules.CheckDns1035(name),
            "Role" or "RoleBinding" or "ClusterRole" or "ClusterRoleBinding" => NameRules.CheckPathSegment(name),
            _ => NameRules.CheckSubdomain(name),
        };
        if (problem is not null)
        {
            errors.Add(FieldError.InvalidValue("metadata.name", name, problem));
        }
    }

    private static void ValidateMetadataMaps(JsonObject body, List<FieldError> errors)
    {
        if (body["metadata"]?["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                if (!NameRules.IsQualifiedName(key))
                {
                    errors.Add(FieldError.InvalidValue("metadata.labels", key, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
                }

                if (value is not JsonValue v || !v.TryGetValue<string>(out var s) || !NameRules.IsLabelValue(s))
                {
                    errors.Add(FieldError.InvalidValue("metadata.labels", value?.ToJsonString() ?? "null", "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
                }
            }
        }

        if (body["metadata"]?["annotations"] is JsonObject annotations)
        {
            foreach (var (key, value) in annotations)
            {
                if (!NameRules.IsQualifiedName(key))
                {
                    errors.Add(FieldError.InvalidValue("metadata.annotations", key, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
                }

                if (value is not JsonValue v || !v.TryGetValue<string>(out _))
                {
                    errors.Add(FieldError.InvalidValue($"metadata.annotations.{key}", value?.ToJsonString() ?? "null", "must be a string"));
                }
            }
        }
    }

    private static void ValidateWorkload(JsonObject body, List<FieldError> errors, bool requireSelector)
    {
        var spec = body["spec"] as JsonObject;
        if (spec is null)
        {
            errors.Add(FieldError.Required("spec", ""));
            return;
        }

        var selector = spec["selector"]?["matchLabels"] as JsonObject;
        var templateLabels = spec["template"]?["metadata"]?["labels"] as JsonObject;
        if (requireSelector && spec["selector"] is null)
        {
            errors.Add(FieldError.Required("spec.selector", ""));
        }
        else if (requireSelector && selector is not null)
        {
            var matches = selector.All(p => templateLabels?[p.Key] is JsonValue v && JsonNode.DeepEquals(v, p.Value));
            if (!matches)
            {
                errors.Add(FieldError.InvalidValue("spec.template.metadata.labels", templateLabels?.ToJsonString() ?? "{}", "`selector` does not match template `labels`"));
            }
        }

        ValidateContainers(spec["template"]?["spec"] as JsonObject, "spec.template.spec", errors);
    }

    private static void ValidateContainers(JsonObject? podSpec, string path, List<FieldError> errors)
    {
        if (podSpec?["containers"] is not JsonArray { Count: > 0 } containers)
        {
            errors.Add(FieldError.Required($"{path}.containers", ""));
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i] as JsonObject;
            var name = container?["name"]?.GetValue<string>();
            if (string.IsNullOrEmpty(name))
            {
                errors.Add(FieldError.Required($"{path}.containers[{i}].name", ""));
            }
            else if (!names.Add(name))
            {
                errors.Add(FieldError.Duplicate($"{path}.containers[{i}].name", name));
            }
            else if (NameRules.CheckLabel(name) is { } problem)
            {
                errors.Add(FieldError.InvalidValue($"{path}.containers[{i}].name", name, problem));
            }

            if (container?["image"] is not JsonValue image || !image.TryGetValue<string>(out var s) || s.Trim().Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.containers[{i}].image", ""));
            }
        }
    }

    private static void ValidateDataKeys(JsonObject body, List<FieldError> errors)
    {
        foreach (var field in new[] { "data", "binaryData", "stringData" })
        {
            if (body[field] is JsonObject map)
            {
                foreach (var (key, value) in map)
                {
                    if (!NameRules.IsConfigKey(key))
                    {
                        errors.Add(FieldError.InvalidValue($"{field}[{key}]", key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
                    }

                    if (value is not JsonValue v || !v.TryGetValue<string>(out _))
                    {
                        errors.Add(FieldError.InvalidValue($"{field}[{key}]", value?.ToJsonString() ?? "null", "must be a string"));
                    }
                }
            }
            else if (body[field] is not null)
            {
                errors.Add(FieldError.InvalidValue(field, body[field]!.ToJsonString(), "must be a map of strings"));
            }
        }
    }
}
