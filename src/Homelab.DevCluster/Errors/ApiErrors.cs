using System.Net;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;

namespace Homelab.DevCluster.Errors;

/// <summary>Factories for the errors the real API server returns, with its messages word for word.</summary>
internal static class ApiErrors
{
    public static ApiException NotFound(ResourceType type, string name) =>
        new(HttpStatusCode.NotFound, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", Details(type, name, type.Resource));

    public static ApiException NotFound(string group, string resource, string name) =>
        new(HttpStatusCode.NotFound, "NotFound", $"{Qualified(group, resource)} \"{name}\" not found", Details(group, name, resource));

    public static ApiException PathNotFound() =>
        new(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(HttpStatusCode.Conflict, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", Details(type, name, type.Resource));

    public static ApiException Conflict(ResourceType type, string name) =>
        new(
            HttpStatusCode.Conflict,
            "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(type, name, type.Resource));

    public static ApiException Conflict(ResourceType type, string name, string message, JsonArray? causes) =>
        new(HttpStatusCode.Conflict, "Conflict", message, WithCauses(Details(type, name, type.Resource), causes));

    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        var qualifiedKind = type.Group.Length == 0 ? type.Kind : $"{type.Kind}.{type.Group}";
        var summary = errors.Count == 1
            ? errors[0].ToString()
            : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        var causes = new JsonArray(errors.Select(e => (JsonNode)e.ToCause()).ToArray());
        return new ApiException(
            HttpStatusCode.UnprocessableEntity,
            "Invalid",
            $"{qualifiedKind} \"{name}\" is invalid: {summary}",
            WithCauses(Details(type, name, type.Kind), causes));
    }

    public static ApiException Unprocessable(string message) =>
        new(HttpStatusCode.UnprocessableEntity, "Invalid", message, new JsonObject());

    public static ApiException BadRequest(string message) =>
        new(HttpStatusCode.BadRequest, "BadRequest", message, new JsonObject());

    public static ApiException Forbidden(ResourceType type, string name, string why) =>
        new(HttpStatusCode.Forbidden, "Forbidden", $"{type.QualifiedResource} \"{name}\" is forbidden: {why}", Details(type, name, type.Resource));

    public static ApiException MethodNotAllowed(string method) =>
        new(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})", new JsonObject());

    public static ApiException UnsupportedMediaType(string contentType, IEnumerable<string> accepted) =>
        new(
            HttpStatusCode.UnsupportedMediaType,
            "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}",
            new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "UnsupportedMediaType", ["message"] = contentType }) });

    public static ApiException TooLarge() =>
        new(HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge", "the server has received a request that is too large", new JsonObject());

    public static ApiException Gone(string message) =>
        new(HttpStatusCode.Gone, "Expired", message, new JsonObject());

    public static ApiException Injected(HttpStatusCode code) =>
        new(code, ReasonFor(code), $"injected fault: {(int)code}", new JsonObject());

    public static string ReasonFor(HttpStatusCode code) => code switch
    {
        HttpStatusCode.BadRequest => "BadRequest",
        HttpStatusCode.Unauthorized => "Unauthorized",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.NotFound => "NotFound",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.Gone => "Expired",
        HttpStatusCode.UnprocessableEntity => "Invalid",
        HttpStatusCode.TooManyRequests => "TooManyRequests",
        HttpStatusCode.GatewayTimeout => "Timeout",
        HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
        _ => "InternalError",
    };

    private static string Qualified(string group, string resource) => group.Length == 0 ? resource : $"{resource}.{group}";

    private static JsonObject Details(ResourceType type, string name, string kind) => Details(type.Group, name, kind);

    private static JsonObject Details(string group, string name, string kind)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = kind;
        return details;
    }

    private static JsonObject WithCauses(JsonObject details, JsonArray? causes)
    {
        if (causes is { Count: > 0 })
        {
            details["causes"] = causes;
        }

        return details;
    }
}
