using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homelab.Engine.Diff;

/// <summary>
/// How Kubernetes identifies the elements of well-known lists of maps (the strategic-merge / SSA
/// list-map keys), so they are compared by identity rather than by position.
/// Lists not named here are atomic: compared whole, element by element.
/// </summary>
internal static class ListMergeKeys
{
    private static readonly Dictionary<string, string[]> ByField = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["ephemeralContainers"] = ["name"],
        ["env"] = ["name"],
        ["volumes"] = ["name"],
        ["imagePullSecrets"] = ["name"],
        ["resourceClaims"] = ["name"],
        ["volumeClaimTemplates"] = ["metadata.name"],
        // Kubernetes keys volume mounts by mountPath (a name can be mounted twice), not by name.
        ["volumeMounts"] = ["mountPath"],
        ["volumeDevices"] = ["devicePath"],
        ["hostAliases"] = ["ip"],
        ["conditions"] = ["type"],
        ["topologySpreadConstraints"] = ["topologyKey", "whenUnsatisfiable"],
    };

    private static readonly string[] ContainerPortKeys = ["containerPort", "protocol"];
    private static readonly string[] ServicePortKeys = ["port", "protocol"];

    /// <summary>The key fields for the list under <paramref name="field"/>, or null when it is atomic.</summary>
    public static string[]? For(string? field, JsonArray desired)
    {
        if (field is null || desired.Count == 0 || desired.Any(e => e is not JsonObject))
        {
            return null;
        }

        var keys = field == "ports" ? PortKeys(desired) : ByField.GetValueOrDefault(field);
        return keys is not null && desired.All(e => KeyOf((JsonObject)e!, keys) is not null) ? keys : null;
    }

    /// <summary>The identity of one element, or null when it lacks a key field.</summary>
    public static string? KeyOf(JsonObject element, string[] keys)
    {
        var parts = new string[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            JsonNode? value = element;
            foreach (var step in keys[i].Split('.'))
            {
                value = (value as JsonObject)?[step];
            }

            // The server defaults a port's protocol to TCP; a manifest usually leaves it out.
            if (value is null && keys[i] == "protocol")
            {
                parts[i] = "TCP";
                continue;
            }

            if (value is not JsonValue scalar)
            {
                return null;
            }

            parts[i] = scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString();
        }

        return string.Join('\u0000', parts);
    }

    /// <summary>Finds the element of <paramref name="array"/> with the given identity; -1 when absent.</summary>
    public static int IndexOf(JsonArray array, string[] keys, string key)
    {
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject element && KeyOf(element, keys) == key)
            {
                return i;
            }
        }

        return -1;
    }

    private static string[]? PortKeys(JsonArray desired) =>
        desired[0] is JsonObject first && first.ContainsKey("containerPort") ? ContainerPortKeys
        : desired[0] is JsonObject svc && svc.ContainsKey("port") ? ServicePortKeys
        : null;
}
