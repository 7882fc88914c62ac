using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;

namespace Homelab.DevCluster.Printing;

/// <summary>
/// Answers kubectl's <c>as=Table</c> Accept header with a <c>meta.k8s.io</c> Table, so <c>kubectl get</c>
/// prints real columns. Rows carry PartialObjectMetadata by default, the full object with
/// <c>includeObject=Object</c>.
/// </summary>
internal static class TableWriter
{
    /// <summary>The Table apiVersion the client asked for, or null when it did not ask for a Table.</summary>
    public static string? RequestedVersion(string accept)
    {
        foreach (var part in accept.Replace(" ", "", StringComparison.Ordinal).Split(','))
        {
            if (part.Contains("as=Table", StringComparison.Ordinal) && part.Contains("g=meta.k8s.io", StringComparison.Ordinal))
            {
                return part.Contains("v=v1beta1", StringComparison.Ordinal) ? "meta.k8s.io/v1beta1" : "meta.k8s.io/v1";
            }
        }

        return null;
    }

    public static JsonObject Build(ResourceType type, IReadOnlyList<JsonObject> items, string resourceVersion, string apiVersion, string? includeObject, IReadOnlyList<TableColumn> columns)
    {
        var rows = new JsonArray();
        foreach (var item in items)
        {
            rows.Add(new JsonObject
            {
                ["cells"] = new JsonArray(columns.Select(c => c.Cell(item)).ToArray()),
                ["object"] = RowObject(item, apiVersion, includeObject),
            });
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = apiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode)c.Definition()).ToArray()),
            ["rows"] = rows,
        };
    }

    private static JsonNode? RowObject(JsonObject item, string apiVersion, string? includeObject) => includeObject switch
    {
        "None" => null,
        "Object" => item.DeepClone(),
        _ => new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = apiVersion,
            ["metadata"] = item["metadata"]?.DeepClone(),
        },
    };
}
