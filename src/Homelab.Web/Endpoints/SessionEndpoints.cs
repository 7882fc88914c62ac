using Homelab.Web.Auth;
using Homelab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Homelab.Web.Endpoints;

/// <summary>Log in (the token into an HttpOnly cookie), log out, and what the page may offer.</summary>
internal static class SessionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/session", (HttpContext context, WebAuth auth, WebUiOptions options) =>
        {
            var loggedIn = context.Request.Cookies.TryGetValue(WebAuth.CookieName, out var cookie) && !string.IsNullOrEmpty(cookie) && auth.Matches(cookie);
            return Results.Json(new SessionBody(loggedIn, auth.IsConfigured, options.LoginRequiredForReads(context.Connection.RemoteIpAddress), options.InfrastructureAddress is not null));
        });

        api.MapPost("/login", async (HttpContext context, WebAuth auth, CancellationToken cancellationToken) =>
        {
            if (!WebAuth.HasCsrfHeader(context))
            {
                return ApiResults.Error(StatusCodes.Status403Forbidden, WebAuth.CsrfMessage);
            }

            if (!auth.IsConfigured)
            {
                return ApiResults.Error(StatusCodes.Status401Unauthorized, WebAuth.NotConfiguredMessage);
            }

            var body = await RequestBodies.ReadAsync<LoginBody>(context, cancellationToken);
            var token = body?.Token?.Trim();
            if (string.IsNullOrEmpty(token) || !auth.Matches(token))
            {
                return ApiResults.Error(StatusCodes.Status401Unauthorized, "The API token is not valid.");
            }

            WebAuth.SetCookie(context, token);
            return Results.NoContent();
        });

        api.MapPost("/logout", (HttpContext context) =>
        {
            if (!WebAuth.HasCsrfHeader(context))
            {
                return ApiResults.Error(StatusCodes.Status403Forbidden, WebAuth.CsrfMessage);
            }

            WebAuth.ClearCookie(context);
            return Results.NoContent();
        });
    }

    private sealed record SessionBody(bool LoggedIn, bool TokenConfigured, bool RequireLoginForReads, bool InfrastructureConfigured);

    private sealed record LoginBody(string? Token);
}
