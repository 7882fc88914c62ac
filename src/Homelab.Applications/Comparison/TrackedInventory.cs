using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Comparison;

/// <summary>
/// The objects an Application managed last time, read back from its own status: <c>status.resources</c>
/// and the last sync result (non-hooks). This is the prune candidate list; a candidate is only ever
/// pruned when its live copy also carries this Application's tracking id.
/// </summary>
public static class TrackedInventory
{
    public static IReadOnlyList<ObjectId> Read(KubeObject application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var ids = new HashSet<ObjectId>();
        Add(application.Get("status", "resources") as JsonArray, ids, hookField: "hook");
        Add(application.Get("status", "operationState", "syncResult", "resources") as JsonArray, ids, hookField: "hookType");
        return [.. ids];
    }

    private static void Add(JsonArray? resources, HashSet<ObjectId> ids, string hookField)
    {
        foreach (var entry in resources?.OfType<JsonObject>() ?? [])
        {
            var hook = entry[hookField] is JsonValue v && (v.TryGetValue<bool>(out var b) ? b : v.TryGetValue<string>(out var s) && s.Length > 0);
            if (hook || entry["status"]?.GetValue<string>() == "Pruned")
            {
                continue;
            }

            var kind = entry["kind"]?.GetValue<string>();
            var name = entry["name"]?.GetValue<string>();
            if (kind is { Length: > 0 } && name is { Length: > 0 })
            {
                var ns = entry["namespace"]?.GetValue<string>();
                ids.Add(new ObjectId(entry["group"]?.GetValue<string>() ?? "", kind, string.IsNullOrEmpty(ns) ? null : ns, name));
            }
        }
    }
}
