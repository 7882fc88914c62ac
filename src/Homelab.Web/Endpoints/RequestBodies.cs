using Microsoft.AspNetCore.Http;

namespace Homelab.Web.Endpoints;

/// <summary>JSON request bodies of the POST endpoints.</summary>
internal static class RequestBodies
{
    /// <summary>The body, or null when it is missing or not the expected JSON (the caller answers 400 or uses defaults).</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        if (context.Request.ContentLength == 0 || !context.Request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await context.Request.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
