using Homelab.Web.Assets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Homelab.Web.Endpoints;

/// <summary>
/// The page shell for every UI route (the scripts route on the client) and the embedded assets, with
/// ETags, gzip and a strict Content-Security-Policy (only this origin; no inline script or style).
/// </summary>
internal static class AssetEndpoints
{
    public const string ShellPath = "index.html";

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Map(IEndpointRouteBuilder endpoints, RouteGroupBuilder ui)
    {
        endpoints.MapGet("/", () => Results.Redirect("/ui/"));
        ui.MapGet("/", (HttpContext context, AssetStore assets) => Serve(context, assets.Find(ShellPath)!));
        ui.MapGet("/apps/{**rest}", (HttpContext context, AssetStore assets) => Serve(context, assets.Find(ShellPath)!));
        ui.MapGet("/flux/{**rest}", (HttpContext context, AssetStore assets) => Serve(context, assets.Find(ShellPath)!));
        ui.MapGet("/assets/{**path}", (string path, HttpContext context, AssetStore assets) =>
            assets.Find(path) is { } asset && path != ShellPath ? Serve(context, asset) : Results.NotFound());
    }

    private static IResult Serve(HttpContext context, WebAsset asset)
    {
        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        // Revalidate every time (a 304 is cheap): a new build must never be hidden behind a stale cache.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.Vary = HeaderNames.AcceptEncoding;
        if (context.Request.Headers.IfNoneMatch.ToString().Contains(asset.ETag, StringComparison.Ordinal))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentEncoding = "gzip";
            return Results.Bytes(asset.Gzipped, asset.ContentType);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
