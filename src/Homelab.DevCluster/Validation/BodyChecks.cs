using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Errors;

namespace Homelab.DevCluster.Validation;

/// <summary>Checks that a body is the kind the URL names, with the decoder's own messages.</summary>
internal static class BodyChecks
{
    /// <summary>
    /// Typed clients often leave apiVersion and kind out; the API server's decoder takes them from the
    /// endpoint, so a body missing both is filled in. One missing without the other is an error.
    /// </summary>
    public static void DefaultTypeFromEndpoint(ResourceType type, JsonObject body)
    {
        if (body["apiVersion"] is null && body["kind"] is null)
        {
            body["apiVersion"] = type.ApiVersion;
            body["kind"] = type.Kind;
        }
    }

    public static void RequireTypeMatch(ResourceType type, JsonObject body)
    {
        var apiVersion = body["apiVersion"] is JsonValue av && av.TryGetValue<string>(out var a) ? a : "";
        var kind = body["kind"] is JsonValue k && k.TryGetValue<string>(out var s) ? s : "";
        if (kind.Length == 0)
        {
            throw ApiErrors.BadRequest($"Object 'Kind' is missing in '{Truncate(body)}'");
        }

        if (apiVersion.Length == 0)
        {
            throw ApiErrors.BadRequest($"Object 'apiVersion' is missing in '{Truncate(body)}'");
        }

        if (apiVersion != type.ApiVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        if (kind != type.Kind)
        {
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }

        if (body["metadata"] is not (null or JsonObject))
        {
            throw ApiErrors.BadRequest("metadata must be an object");
        }
    }

    private static string Truncate(JsonObject body)
    {
        var text = body.ToJsonString();
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
