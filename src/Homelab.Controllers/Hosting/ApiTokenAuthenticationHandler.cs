using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Homelab.Controllers.Hosting;

/// <summary>
/// Authenticates <c>authorization: Bearer &lt;token&gt;</c> against <see cref="ApiToken"/>. A challenge on a
/// gRPC call answers gRPC status UNAUTHENTICATED with a message saying what is missing (never the token).
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiToken token)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";
    private const int GrpcUnauthenticated = 16;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!token.IsConfigured)
        {
            return Task.FromResult(AuthenticateResult.Fail(NotConfiguredMessage));
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || !token.Matches(header[BearerPrefix.Length..].Trim()))
        {
            return Task.FromResult(AuthenticateResult.Fail("the bearer token is not valid"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-token")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var message = !token.IsConfigured ? NotConfiguredMessage
            : result.Failure is { } failure ? failure.Message
            : "this call needs a bearer token (metadata 'authorization: Bearer <token>')";
        Response.Headers.WWWAuthenticate = "Bearer";
        if (Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            // A trailers-only gRPC response, so clients see UNAUTHENTICATED with our message rather than a bare HTTP 401.
            Response.StatusCode = StatusCodes.Status200OK;
            Response.ContentType = "application/grpc";
            Response.Headers["grpc-status"] = GrpcUnauthenticated.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            return;
        }

        Response.StatusCode = (int)HttpStatusCode.Unauthorized;
        await Response.WriteAsync(message);
    }

    private const string NotConfiguredMessage = "mutating calls are disabled: no API token is configured (set Api__Token or Api__TokenFile)";
}
