using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Errors;

namespace Homelab.DevCluster.Handlers;

/// <summary>
/// Maps a resource path to an <see cref="ApiRequest"/>: <c>/api/v1/…</c> or <c>/apis/{group}/{version}/…</c>,
/// then <c>[namespaces/{ns}/]{resource}[/{name}[/{subresource}]]</c>.
/// </summary>
internal static class RequestRouter
{
    public static ApiRequest? Route(ResourceRegistry registry, string method, string path, bool watch)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group, version;
        string[] rest;
        switch (segments)
        {
            case ["api", var v, _, ..]:
                (group, version, rest) = ("", v, segments[2..]);
                break;
            case ["apis", var g, var v, _, ..]:
                (group, version, rest) = (g, v, segments[3..]);
                break;
            default:
                return null;
        }

        string? ns = null;
        if (rest is ["namespaces", var nsName, var nested, ..] && nested is not ("status" or "finalize"))
        {
            ns = nsName;
            rest = rest[2..];
        }

        if (rest.Length > 3)
        {
            throw ApiErrors.PathNotFound();
        }

        var type = registry.Find(group, version, rest[0]) ?? throw ApiErrors.PathNotFound();
        if (ns is not null && !type.Namespaced)
        {
            throw ApiErrors.PathNotFound();
        }

        var name = rest.Length > 1 ? rest[1] : null;
        var subresource = rest.Length > 2 ? rest[2] : null;
        if (subresource is not null && (subresource != "status" || !type.HasStatus))
        {
            throw ApiErrors.PathNotFound();
        }

        var verb = (method, name) switch
        {
            ("GET", null) => watch ? "watch" : "list",
            ("GET", _) => watch ? "watch" : "get",
            ("POST", null) => "create",
            ("PUT", not null) => "update",
            ("PATCH", not null) => "patch",
            ("DELETE", null) => "deletecollection",
            ("DELETE", _) => "delete",
            _ => throw ApiErrors.MethodNotAllowed(method),
        };

        if (subresource is not null && verb is not ("get" or "update" or "patch"))
        {
            throw ApiErrors.MethodNotAllowed(method);
        }

        return new ApiRequest(verb, type, ns, name, subresource);
    }
}
