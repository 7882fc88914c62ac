using Homelab.Web.Auth;
using Homelab.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace Homelab.Web.Endpoints;

/// <summary>
/// Endpoint filters: reads pass unless a login is required for them (<see cref="WebUiOptions.LoginRequiredForReads"/>:
/// <c>Web:RequireLoginForReads</c>, by default from anywhere but loopback; then they need the token like a
/// mutation, minus the CSRF header for plain GETs); mutations need the checked token, which is stored in
/// <see cref="HttpContext.Items"/> for the handler to forward to the gRPC API.
/// </summary>
internal static class AccessFilters
{
    private const string TokenItem = "homelab.web.token";

    public static string? Token(HttpContext context) => context.Items[TokenItem] as string;

    public static async ValueTask<object?> RequireRead(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var options = http.RequestServices.GetRequiredService<WebUiOptions>();
        if (options.LoginRequiredForReads(http.Connection.RemoteIpAddress))
        {
            var auth = http.RequestServices.GetRequiredService<WebAuth>();
            var decision = auth.Decide(http);
            // A GET cannot change anything, so the CSRF header only matters for mutations.
            var csrfOnly = decision.StatusCode == StatusCodes.Status403Forbidden;
            if (!decision.Allowed && !csrfOnly)
            {
                return ApiResults.Error(decision.StatusCode, decision.Message);
            }
        }

        return await next(invocation);
    }

    public static async ValueTask<object?> RequireMutate(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var decision = http.RequestServices.GetRequiredService<WebAuth>().Decide(http);
        if (!decision.Allowed)
        {
            return ApiResults.Error(decision.StatusCode, decision.Message);
        }

        http.Items[TokenItem] = decision.Token;
        return await next(invocation);
    }
}
