using System.Text.Json.Nodes;
using Homelab.DevCluster.Errors;

namespace Homelab.DevCluster.Validation;

/// <summary>The CRD rules that decide whether its resources can be served at all.</summary>
internal static class CrdValidator
{
    public static void Validate(JsonObject body, string name, List<FieldError> errors)
    {
        var spec = body["spec"] as JsonObject;
        var group = spec?["group"]?.GetValue<string>() ?? "";
        var plural = spec?["names"]?["plural"]?.GetValue<string>() ?? "";
        if (group.Length == 0)
        {
            errors.Add(FieldError.Required("spec.group", ""));
        }

        if (plural.Length == 0)
        {
            errors.Add(FieldError.Required("spec.names.plural", ""));
        }

        if (spec?["names"]?["kind"]?.GetValue<string>() is not { Length: > 0 })
        {
            errors.Add(FieldError.Required("spec.names.kind", ""));
        }

        if (group.Length > 0 && plural.Length > 0 && name != $"{plural}.{group}")
        {
            errors.Add(FieldError.InvalidValue("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }

        if (spec?["scope"]?.GetValue<string>() is not ("Namespaced" or "Cluster"))
        {
            errors.Add(FieldError.NotSupported("spec.scope", spec?["scope"]?.ToString() ?? "", "supported values: \"Cluster\", \"Namespaced\""));
        }

        if (spec?["versions"] is not JsonArray { Count: > 0 } versions)
        {
            errors.Add(FieldError.Required("spec.versions", "must have exactly one version marked as storage version"));
            return;
        }

        var storage = versions.Count(v => v?["storage"] is JsonValue s && s.TryGetValue<bool>(out var b) && b);
        if (storage != 1)
        {
            errors.Add(FieldError.InvalidValue("spec.versions", $"{storage}", "must have exactly one version marked as storage version"));
        }

        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i]?["schema"]?["openAPIV3Schema"] is null)
            {
                errors.Add(FieldError.Required($"spec.versions[{i}].schema.openAPIV3Schema", "schemas are required"));
            }
        }
    }
}
