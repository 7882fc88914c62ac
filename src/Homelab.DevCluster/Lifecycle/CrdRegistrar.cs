using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Storage;

namespace Homelab.DevCluster.Lifecycle;

/// <summary>
/// Turns CustomResourceDefinitions into served resources: status (NamesAccepted, Established) is
/// written with the CRD itself, and discovery changes the moment it is stored, so a custom resource
/// applied right after its CRD is accepted.
/// </summary>
internal sealed class CrdRegistrar(ResourceRegistry registry, ObjectStore store, TimeProvider time)
{
    public static bool IsCrd(ResourceType type) => type is { Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition" };

    /// <summary>Fills in name defaults and the status the apiextensions controllers would write.</summary>
    public void Prepare(ResourceType type, JsonObject body)
    {
        if (!IsCrd(type) || body["spec"]?["names"] is not JsonObject names)
        {
            return;
        }

        var kind = names["kind"]?.GetValue<string>() ?? "";
        names["singular"] ??= kind.ToLowerInvariant();
        names["listKind"] ??= kind + "List";
        var now = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var storageVersions = (body["spec"]?["versions"] as JsonArray)?.OfType<JsonObject>()
            .Where(v => v["storage"]?.GetValue<bool>() == true)
            .Select(v => (JsonNode)v["name"]!.GetValue<string>())
            .ToArray() ?? [];
        body["status"] = new JsonObject
        {
            ["acceptedNames"] = names.DeepClone(),
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["storedVersions"] = new JsonArray(storageVersions),
        };
    }

    public void Stored(ResourceType type, JsonObject body)
    {
        if (IsCrd(type))
        {
            var (group, plural) = GroupAndPlural(body);
            registry.SetCustom(group, plural, ServedTypes(body));
        }
    }

    /// <summary>A deleted CRD takes its custom resources with it.</summary>
    public void Deleted(ResourceType type, JsonObject body)
    {
        if (!IsCrd(type))
        {
            return;
        }

        var (group, plural) = GroupAndPlural(body);
        if (registry.FindAnyVersion(group, plural) is { } served)
        {
            foreach (var item in store.List(served, null).Items)
            {
                try
                {
                    store.Delete(served, item.Namespace, item.Name, null);
                }
                catch (Errors.ApiException)
                {
                    // Already gone: another delete won the race.
                }
            }
        }

        registry.SetCustom(group, plural, []);
    }

    private static (string Group, string Plural) GroupAndPlural(JsonObject body) =>
        (body["spec"]?["group"]?.GetValue<string>() ?? "", body["spec"]?["names"]?["plural"]?.GetValue<string>() ?? "");

    private static List<ResourceType> ServedTypes(JsonObject body)
    {
        var spec = (JsonObject)body["spec"]!;
        var names = (JsonObject)spec["names"]!;
        var result = new List<ResourceType>();
        foreach (var version in (spec["versions"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            if (version["served"]?.GetValue<bool>() == false)
            {
                continue;
            }

            result.Add(new ResourceType(
                (string)spec["group"]!,
                (string)version["name"]!,
                (string)names["plural"]!,
                (string?)names["singular"] ?? ((string)names["kind"]!).ToLowerInvariant(),
                (string)names["kind"]!,
                (string?)spec["scope"] != "Cluster",
                Strings(names["shortNames"]),
                Strings(names["categories"]),
                HasStatus: version["subresources"]?["status"] is not null,
                TracksGeneration: true,
                IsCustom: true));
        }

        return result;
    }

    private static string[] Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(n => n?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToArray() ?? [];

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
