using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;

namespace Homelab.DevCluster.Apply;

/// <summary>How a list merges: by key fields, as a set of primitives, or atomically (replaced whole).</summary>
internal sealed record ListKind(IReadOnlyList<string> Keys, bool IsSet)
{
    public static readonly ListKind Atomic = new([], false);
    public static readonly ListKind Set = new([], true);

    public bool IsMap => Keys.Count > 0;
}

/// <summary>
/// The list and map semantics of the real types' schemas (the <c>x-kubernetes-list-map-keys</c> and
/// <c>patchMergeKey</c> markers), keyed by field name and, where names are ambiguous, by parent.
/// Custom resources get atomic lists, as a CRD without list-type markers does.
/// </summary>
internal static class ListSchema
{
    private static readonly HashSet<string> MapFields =
        ["labels", "annotations", "data", "stringData", "binaryData", "matchLabels", "nodeSelector", "limits", "requests"];

    /// <summary>Server-side apply keys (<paramref name="path"/> holds the field names from the root).</summary>
    public static ListKind ForApply(ResourceType type, IReadOnlyList<string> path)
    {
        var field = path[^1];
        if (path is ["metadata", "finalizers"])
        {
            return ListKind.Set;
        }

        if (path is ["metadata", "ownerReferences"])
        {
            return new ListKind(["uid"], false);
        }

        if (type.IsCustom)
        {
            return field == "conditions" && path[0] == "status" ? new ListKind(["type"], false) : ListKind.Atomic;
        }

        return field switch
        {
            "containers" or "initContainers" or "ephemeralContainers" or "env" or "volumes" or "imagePullSecrets" => new ListKind(["name"], false),
            "ports" when IsServiceSpec(type, path) => new ListKind(["port", "protocol"], false),
            "ports" when path.Count >= 2 && path[^2] is "containers" or "initContainers" or "ephemeralContainers" => new ListKind(["containerPort", "protocol"], false),
            "volumeMounts" => new ListKind(["mountPath"], false),
            "volumeDevices" => new ListKind(["devicePath"], false),
            "conditions" => new ListKind(["type"], false),
            "hostAliases" => new ListKind(["ip"], false),
            "topologySpreadConstraints" => new ListKind(["topologyKey", "whenUnsatisfiable"], false),
            _ => ListKind.Atomic,
        };
    }

    /// <summary>Strategic-merge keys: one field, per the Go types' patchMergeKey tags.</summary>
    public static string? MergeKey(ResourceType type, IReadOnlyList<string> path)
    {
        var field = path[^1];
        return field switch
        {
            "containers" or "initContainers" or "ephemeralContainers" or "env" or "volumes" or "imagePullSecrets" => "name",
            "ports" when IsServiceSpec(type, path) => "port",
            "ports" => "containerPort",
            "volumeMounts" => "mountPath",
            "volumeDevices" => "devicePath",
            "conditions" => "type",
            "ownerReferences" => "uid",
            "hostAliases" => "ip",
            "topologySpreadConstraints" => "topologyKey",
            _ => null,
        };
    }

    /// <summary>Primitive lists that strategic merge treats as sets (patchStrategy=merge).</summary>
    public static bool IsMergedPrimitiveList(IReadOnlyList<string> path) => path is ["metadata", "finalizers"];

    /// <summary>Maps (not structs): their fieldsV1 entry carries <c>"."</c> when it has members.</summary>
    public static bool IsMap(ResourceType type, IReadOnlyList<string> path) =>
        path.Count > 0 && (MapFields.Contains(path[^1]) || (IsServiceSpec(type, path) && path[^1] == "selector"));

    /// <summary>Key fields the server defaults, so that the key of an applied item matches the stored one.</summary>
    public static JsonNode? KeyDefault(string keyField) => keyField == "protocol" ? JsonValue.Create("TCP") : null;

    private static bool IsServiceSpec(ResourceType type, IReadOnlyList<string> path) =>
        type.Kind == "Service" && path.Count == 2 && path[0] == "spec";
}
