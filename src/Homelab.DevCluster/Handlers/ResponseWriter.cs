using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Homelab.DevCluster.Handlers;

/// <summary>Writes JSON answers; objects already serialized in the store are written as they are.</summary>
internal static class ResponseWriter
{
    public const string Json = "application/json";

    public static Task WriteAsync(HttpResponse response, HttpStatusCode code, JsonNode body, CancellationToken cancellationToken, string contentType = Json)
    {
        response.StatusCode = (int)code;
        response.ContentType = contentType;
        return response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body), cancellationToken).AsTask();
    }

    public static Task WriteRawAsync(HttpResponse response, HttpStatusCode code, byte[] json, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)code;
        response.ContentType = Json;
        return response.Body.WriteAsync(json, cancellationToken).AsTask();
    }

    public static JsonObject Success(string? name, string? kind, string? group) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = name is null ? null : new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = kind },
    };
}
