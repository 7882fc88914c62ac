using System.Text.Json.Nodes;

namespace Homelab.DevCluster.Discovery;

/// <summary>
/// A minimal <c>/openapi/v3</c>: an index of served group-versions and, per group-version, PATCH
/// operations tagged with their kind and a <c>fieldValidation</c> parameter. That is what kubectl's
/// strict validation looks for before it trusts the server to validate fields itself.
/// </summary>
internal static class OpenApiDocuments
{
    public static JsonObject Index(ResourceRegistry registry)
    {
        var paths = new JsonObject();
        foreach (var gv in GroupVersions(registry))
        {
            paths[gv.Path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{gv.Path}?hash={Hash(registry, gv.Path)}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? GroupVersion(ResourceRegistry registry, string path)
    {
        var gv = GroupVersions(registry).FirstOrDefault(g => g.Path == path);
        if (gv.Path is null)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var type in registry.All.Where(t => t.Group == gv.Group && t.Version == gv.Version))
        {
            var prefix = type.Group.Length == 0 ? "/api/v1" : $"/apis/{type.Group}/{type.Version}";
            var url = type.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{type.Resource}/{{name}}" : $"{prefix}/{type.Resource}/{{name}}";
            paths[url] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{type.Kind}",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
                    ["x-kubernetes-action"] = "patch",
                    ["parameters"] = new JsonArray(
                        Parameter("dryRun"),
                        Parameter("fieldManager"),
                        Parameter("fieldValidation"),
                        new JsonObject { ["name"] = "force", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "boolean", ["uniqueItems"] = true } }),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = VersionInfo.GitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject Parameter(string name) =>
        new() { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } };

    private static IEnumerable<(string Group, string Version, string Path)> GroupVersions(ResourceRegistry registry) =>
        registry.All.Select(t => (t.Group, t.Version)).Distinct()
            .Select(gv => (gv.Group, gv.Version, gv.Group.Length == 0 ? $"api/{gv.Version}" : $"apis/{gv.Group}/{gv.Version}"));

    private static string Hash(ResourceRegistry registry, string path) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{path}:{registry.Generation}")))[..16];
}
