using System.Text.Json.Nodes;

namespace Homelab.DevCluster.Apply;

/// <summary>One <c>metadata.managedFields</c> entry: a manager, how it wrote (Apply or Update), and the fields it owns.</summary>
internal sealed class ManagedFieldsEntry(string manager, string operation, string apiVersion, string? subresource, string? time, FieldSet fields)
{
    public string Manager { get; } = manager;

    public string Operation { get; } = operation;

    public string ApiVersion { get; set; } = apiVersion;

    public string? Subresource { get; } = subresource;

    public string? Time { get; set; } = time;

    public FieldSet Fields { get; set; } = fields;

    public bool Is(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && (Subresource ?? "") == (subresource ?? "");

    /// <summary>How conflict messages name the manager: Update managers carry their apiVersion.</summary>
    public string Describe() => Operation == "Update" ? $"\"{Manager}\" using {ApiVersion}" : $"\"{Manager}\"";

    public static List<ManagedFieldsEntry> ReadAll(JsonObject body)
    {
        var result = new List<ManagedFieldsEntry>();
        foreach (var item in (body["metadata"]?["managedFields"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            result.Add(new ManagedFieldsEntry(
                item["manager"]?.GetValue<string>() ?? "",
                item["operation"]?.GetValue<string>() ?? "Update",
                item["apiVersion"]?.GetValue<string>() ?? "",
                item["subresource"]?.GetValue<string>(),
                item["time"]?.GetValue<string>(),
                FieldSet.FromFieldsV1(item["fieldsV1"] as JsonObject)));
        }

        return result;
    }

    public static void WriteAll(JsonObject body, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries)
        {
            entry.Fields.Prune();
            if (entry.Fields.IsEmpty)
            {
                continue;
            }

            var item = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
                ["time"] = entry.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = entry.Fields.ToFieldsV1(),
            };
            if (entry.Subresource is { Length: > 0 } subresource)
            {
                item["subresource"] = subresource;
            }

            array.Add(item);
        }

        var metadata = (JsonObject)body["metadata"]!;
        if (array.Count > 0)
        {
            metadata["managedFields"] = array;
        }
        else
        {
            metadata.Remove("managedFields");
        }
    }
}
