using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.Manifests;

namespace Homelab.Engine.Diff.Ignore;

/// <summary>Reads an Application's <c>spec.ignoreDifferences</c> list into rules, with errors naming the entry.</summary>
public static class IgnoreDifferencesReader
{
    public static IReadOnlyList<IgnoreDifferencesRule> Read(JsonNode? ignoreDifferences)
    {
        if (ignoreDifferences is null)
        {
            return [];
        }

        if (ignoreDifferences is not JsonArray entries)
        {
            throw new ManifestException("spec.ignoreDifferences must be a list");
        }

        var rules = new List<IgnoreDifferencesRule>();
        for (var i = 0; i < entries.Count; i++)
        {
            var where = $"spec.ignoreDifferences[{i}]";
            if (entries[i] is not JsonObject entry)
            {
                throw new ManifestException($"{where} must be an object");
            }

            rules.Add(new IgnoreDifferencesRule
            {
                Group = String(entry, "group", where) ?? "",
                Kind = String(entry, "kind", where) ?? throw new ManifestException($"{where}.kind is required"),
                Name = String(entry, "name", where),
                Namespace = String(entry, "namespace", where),
                JsonPointers = Strings(entry, "jsonPointers", where),
                JqPathExpressions = Strings(entry, "jqPathExpressions", where),
                ManagedFieldsManagers = Strings(entry, "managedFieldsManagers", where),
            });
        }

        return rules;
    }

    private static string? String(JsonObject entry, string field, string where) => entry[field] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw new ManifestException($"{where}.{field} must be a string"),
    };

    private static IReadOnlyList<string> Strings(JsonObject entry, string field, string where)
    {
        if (entry[field] is null)
        {
            return [];
        }

        if (entry[field] is not JsonArray list || list.Any(e => e is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        {
            throw new ManifestException($"{where}.{field} must be a list of strings");
        }

        return [.. list.Select(e => e!.GetValue<string>())];
    }
}
