using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;

namespace Homelab.DevCluster.Printing;

/// <summary>
/// Server-side printing columns: the familiar ones for common built-ins, a CRD's
/// <c>additionalPrinterColumns</c> for custom resources, NAME and AGE otherwise.
/// </summary>
internal static class TableColumns
{
    public static IReadOnlyList<TableColumn> For(ResourceType type, JsonObject? crd, DateTimeOffset now)
    {
        var name = new TableColumn("Name", "string", o => o["metadata"]?["name"]?.DeepClone(), "name");
        var age = new TableColumn("Age", "string", o => Age(o, now));
        if (type.IsCustom)
        {
            return [name, .. CustomColumns(type, crd, now)];
        }

        TableColumn Col(string header, Func<JsonObject, JsonNode?> cell) => new(header, "string", cell);
        return type.Kind switch
        {
            "Deployment" => [name, Col("Ready", o => $"{Int(o, "status", "readyReplicas")}/{Int(o, "spec", "replicas")}"), Col("Up-to-date", o => Int(o, "status", "updatedReplicas")), Col("Available", o => Int(o, "status", "availableReplicas")), age],
            "StatefulSet" => [name, Col("Ready", o => $"{Int(o, "status", "readyReplicas")}/{Int(o, "spec", "replicas")}"), age],
            "ReplicaSet" => [name, Col("Desired", o => Int(o, "spec", "replicas")), Col("Current", o => Int(o, "status", "replicas")), Col("Ready", o => Int(o, "status", "readyReplicas")), age],
            "DaemonSet" => [name, Col("Desired", o => Int(o, "status", "desiredNumberScheduled")), Col("Current", o => Int(o, "status", "currentNumberScheduled")), Col("Ready", o => Int(o, "status", "numberReady")), Col("Up-to-date", o => Int(o, "status", "updatedNumberScheduled")), Col("Available", o => Int(o, "status", "numberAvailable")), age],
            "Service" => [name, Col("Type", o => Text(o, "spec", "type")), Col("Cluster-IP", o => Text(o, "spec", "clusterIP")), Col("External-IP", ExternalIp), Col("Port(s)", Ports), age],
            "ConfigMap" => [name, Col("Data", o => Count(o, "data") + Count(o, "binaryData")), age],
            "Secret" => [name, Col("Type", o => Text(o, "type")), Col("Data", o => Count(o, "data")), age],
            "Namespace" => [name, Col("Status", o => Text(o, "status", "phase")), age],
            "PersistentVolumeClaim" => [name, Col("Status", o => Text(o, "status", "phase")), age],
            "Job" => [name, Col("Status", JobStatus), Col("Completions", o => $"{Int(o, "status", "succeeded")}/{Int(o, "spec", "completions")}"), age],
            _ => [name, age],
        };
    }

    private static IEnumerable<TableColumn> CustomColumns(ResourceType type, JsonObject? crd, DateTimeOffset now)
    {
        var version = (crd?["spec"]?["versions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(v => (string?)v["name"] == type.Version);
        var columns = version?["additionalPrinterColumns"] as JsonArray;
        if (columns is not { Count: > 0 })
        {
            yield return new TableColumn("Age", "string", o => Age(o, now));
            yield break;
        }

        foreach (var column in columns.OfType<JsonObject>())
        {
            var path = (string?)column["jsonPath"] ?? "";
            var columnType = (string?)column["type"] ?? "string";
            var priority = column["priority"]?.GetValue<int>() ?? 0;
            if (columnType == "date")
            {
                // Printed as an age, as the real server's printer does for date columns.
                yield return new TableColumn((string?)column["name"] ?? path, "string", o => SimpleJsonPath.Evaluate(o, path) is { } d ? Since(d.ToString(), now) : null, "", priority);
            }
            else
            {
                yield return new TableColumn((string?)column["name"] ?? path, columnType, o => SimpleJsonPath.Evaluate(o, path)?.DeepClone(), (string?)column["format"] ?? "", priority);
            }
        }
    }

    private static JsonNode? Age(JsonObject o, DateTimeOffset now) =>
        o["metadata"]?["creationTimestamp"] is JsonValue v && v.TryGetValue<string>(out var s) ? Since(s, now) : "<unknown>";

    private static string Since(string timestamp, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var then))
        {
            return "<invalid>";
        }

        var age = now - then;
        return age.TotalSeconds < 120 ? $"{Math.Max(0, (int)age.TotalSeconds)}s"
            : age.TotalMinutes < 10 ? $"{(int)age.TotalMinutes}m{age.Seconds}s"
            : age.TotalHours < 3 ? $"{(int)age.TotalMinutes}m"
            : age.TotalDays < 2 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }

    private static long Int(JsonObject o, params string[] path) =>
        SimpleJsonPath.Evaluate(o, "." + string.Join('.', path)) is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;

    private static string Text(JsonObject o, params string[] path) =>
        SimpleJsonPath.Evaluate(o, "." + string.Join('.', path))?.ToString() ?? "";

    private static int Count(JsonObject o, string field) => (o[field] as JsonObject)?.Count ?? 0;

    private static JsonNode ExternalIp(JsonObject o) =>
        (o["status"]?["loadBalancer"]?["ingress"] as JsonArray)?.FirstOrDefault()?["ip"]?.ToString()
        ?? ((string?)o["spec"]?["type"] == "LoadBalancer" ? "<pending>" : "<none>");

    private static JsonNode Ports(JsonObject o)
    {
        var ports = (o["spec"]?["ports"] as JsonArray)?.OfType<JsonObject>()
            .Select(p => p["nodePort"] is { } node ? $"{p["port"]}:{node}/{p["protocol"]}" : $"{p["port"]}/{p["protocol"]}")
            .ToList() ?? [];
        return ports.Count == 0 ? "<none>" : string.Join(",", ports);
    }

    private static JsonNode JobStatus(JsonObject o)
    {
        var conditions = (o["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().Where(c => (string?)c["status"] == "True").Select(c => (string?)c["type"]).ToList() ?? [];
        return conditions.Contains("Complete") ? "Complete" : conditions.Contains("Failed") ? "Failed" : "Running";
    }
}
