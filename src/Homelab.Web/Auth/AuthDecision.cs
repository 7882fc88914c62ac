namespace Homelab.Web.Auth;

/// <summary>The outcome of an access check: the token to forward to the gRPC APIs, or the status and message of a refusal.</summary>
internal sealed record AuthDecision(string? Token, int StatusCode, string Message)
{
    public bool Allowed => Token is not null;

    public static AuthDecision Allow(string token) => new(token, 200, "");

    public static AuthDecision Refuse(int statusCode, string message) => new(null, statusCode, message);
}
