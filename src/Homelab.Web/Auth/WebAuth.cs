using Homelab.Controllers.Hosting;
using Microsoft.AspNetCore.Http;

namespace Homelab.Web.Auth;

/// <summary>
/// Who may do what in the UI. The login form posts the API token; the server checks it and keeps it in an
/// HttpOnly, SameSite=Strict cookie, so page scripts never hold it. Mutations need that cookie (or an
/// <c>Authorization: Bearer</c> header) and, with the cookie, the <see cref="CsrfHeader"/> header: a
/// cross-site form cannot set a custom header, so a forged request is refused even if a cookie were sent.
/// </summary>
internal sealed class WebAuth(ApiToken token)
{
    public const string CookieName = "homelab_ui_token";
    public const string CsrfHeader = "X-Homelab-UI";
    public const string NotConfiguredMessage = "Mutating actions are disabled: the server has no API token (set Api:Token or Api:TokenFile).";
    public const string LoginRequiredMessage = "Log in with the API token to do this.";
    public const string InvalidTokenMessage = "The API token is not valid: log in again.";
    public const string CsrfMessage = "Refused: the request lacks the X-Homelab-UI header the web UI sends (cross-site request?).";

    private const string BearerPrefix = "Bearer ";

    public bool IsConfigured => token.IsConfigured;

    public bool Matches(string presented) => token.Matches(presented);

    /// <summary>The checked token of the request, or why there is none (a message for a 401/403).</summary>
    public AuthDecision Decide(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!token.IsConfigured)
        {
            return AuthDecision.Refuse(StatusCodes.Status401Unauthorized, NotConfiguredMessage);
        }

        string? header = context.Request.Headers.Authorization;
        if (!string.IsNullOrEmpty(header) && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var bearer = header[BearerPrefix.Length..].Trim();
            return token.Matches(bearer) ? AuthDecision.Allow(bearer) : AuthDecision.Refuse(StatusCodes.Status401Unauthorized, InvalidTokenMessage);
        }

        if (!context.Request.Cookies.TryGetValue(CookieName, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return AuthDecision.Refuse(StatusCodes.Status401Unauthorized, LoginRequiredMessage);
        }

        if (!token.Matches(cookie))
        {
            return AuthDecision.Refuse(StatusCodes.Status401Unauthorized, InvalidTokenMessage);
        }

        return HasCsrfHeader(context)
            ? AuthDecision.Allow(cookie)
            : AuthDecision.Refuse(StatusCodes.Status403Forbidden, CsrfMessage);
    }

    public static bool HasCsrfHeader(HttpContext context) =>
        context.Request.Headers.TryGetValue(CsrfHeader, out var value) && value.ToString().Length > 0;

    public static void SetCookie(HttpContext context, string value) =>
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/ui",
            IsEssential = true,
        });

    public static void ClearCookie(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/ui", SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, HttpOnly = true });
}
