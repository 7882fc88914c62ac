using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Homelab.Kubernetes.Errors;

/// <summary>Turns a non-success response (ideally a Kubernetes Status) into the typed exception callers branch on.</summary>
internal static partial class ApiErrorMapper
{
    public static KubernetesApiException Map(HttpStatusCode code, string body, string resource, TimeSpan? retryAfter)
    {
        var status = TryParse(body);
        var reason = status?["reason"]?.GetValue<string>() ?? code.ToString();
        var message = status?["message"]?.GetValue<string>() is { Length: > 0 } m ? m : $"{(int)code} {code}";
        var causes = ReadCauses(status?["details"]?["causes"] as JsonArray);
        if (resource == "secrets")
        {
            // Validation messages quote offending values; for Secrets those may be the secret itself.
            message = Redact(message);
            causes = [.. causes.Select(c => c with { Message = Redact(c.Message) })];
        }

        retryAfter ??= status?["details"]?["retryAfterSeconds"] is JsonValue seconds && seconds.TryGetValue<int>(out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : null;
        return (reason, code) switch
        {
            ("NotFound", _) or (_, HttpStatusCode.NotFound) => new NotFoundException(code, reason, message, causes),
            ("AlreadyExists", _) => new AlreadyExistsException(code, reason, message, causes),
            ("Conflict", _) or (_, HttpStatusCode.Conflict) => new ConflictException(code, reason, message, causes),
            ("Invalid", _) or (_, HttpStatusCode.UnprocessableEntity) => new InvalidException(code, reason, message, causes),
            ("Forbidden", _) or (_, HttpStatusCode.Forbidden) => new ForbiddenException(code, reason, message, causes),
            ("Unauthorized", _) or (_, HttpStatusCode.Unauthorized) => new UnauthorizedException(code, reason, message, causes),
            ("Gone" or "Expired", _) or (_, HttpStatusCode.Gone) => new ExpiredException(code, reason, message, causes),
            ("UnsupportedMediaType", _) or (_, HttpStatusCode.UnsupportedMediaType) => new UnsupportedMediaTypeException(code, reason, message, causes),
            ("TooManyRequests" or "ServerTimeout" or "Timeout" or "ServiceUnavailable" or "InternalError", _)
                or (_, HttpStatusCode.TooManyRequests or HttpStatusCode.GatewayTimeout or HttpStatusCode.ServiceUnavailable
                    or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway)
                => new TransientApiException(code, reason, message, causes, retryAfter),
            ("BadRequest", _) or (_, HttpStatusCode.BadRequest) => new BadRequestException(code, reason, message, causes),
            _ => new KubernetesApiException(code, reason, message, causes),
        };
    }

    /// <summary>An ERROR event inside a watch stream carries a Status object instead of an HTTP code.</summary>
    public static KubernetesApiException FromStatus(JsonObject status, string resource)
    {
        var code = status["code"] is JsonValue v && v.TryGetValue<int>(out var c) ? (HttpStatusCode)c : HttpStatusCode.InternalServerError;
        return Map(code, status.ToJsonString(), resource, retryAfter: null);
    }

    private static JsonObject? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject { } obj && obj["kind"]?.GetValue<string>() == "Status" ? obj : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static List<StatusCause> ReadCauses(JsonArray? causes) =>
        causes is null
            ? []
            : [.. causes.OfType<JsonObject>().Select(c => new StatusCause(Text(c, "reason"), Text(c, "message"), Text(c, "field")))];

    private static string Text(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.TryGetValue<string>(out var s) ? s : "";

    private static string Redact(string message) => QuotedValue().Replace(message, "Invalid value: \"<redacted>\"");

    [GeneratedRegex("Invalid value: \"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex QuotedValue();
}
