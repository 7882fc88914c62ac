using System.Net;
using System.Text.Json.Nodes;

namespace Homelab.DevCluster.Errors;

/// <summary>
/// A request failure that the server answers with a Kubernetes <c>Status</c> object. Handlers throw it;
/// the pipeline turns it into the response, so every error has the API server's exact shape.
/// </summary>
public sealed class ApiException(HttpStatusCode code, string reason, string message, JsonObject? details = null)
    : Exception(message)
{
    public HttpStatusCode Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public JsonObject ToStatus() => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = Message,
        ["reason"] = Reason,
        ["details"] = Details?.DeepClone(),
        ["code"] = (int)Code,
    };
}
