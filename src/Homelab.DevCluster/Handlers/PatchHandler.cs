using System.Net;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Apply;
using Homelab.DevCluster.Errors;
using Homelab.DevCluster.Patch;
using Microsoft.AspNetCore.Http;

namespace Homelab.DevCluster.Handlers;

/// <summary>PATCH in its four flavours, chosen by Content-Type: JSON patch, merge patch, strategic merge patch and server-side apply.</summary>
internal sealed class PatchHandler(ResourceOperations operations, FieldManager fieldManager)
{
    private const string JsonPatchType = "application/json-patch+json";
    private const string MergePatchType = "application/merge-patch+json";
    private const string StrategicPatchType = "application/strategic-merge-patch+json";
    private const string ApplyPatchType = "application/apply-patch+yaml";

    public (HttpStatusCode Code, JsonObject Body) Handle(HttpContext context, ApiRequest request, byte[] body, WriteOptions options)
    {
        var contentType = MediaType(context.Request.ContentType);
        var type = request.Type;
        var accepted = type.IsCustom
            ? new[] { JsonPatchType, MergePatchType, ApplyPatchType, "application/apply-patch+cbor" }
            : [JsonPatchType, MergePatchType, ApplyPatchType, StrategicPatchType, "application/apply-patch+cbor"];
        if (!accepted.Contains(contentType) || contentType == "application/apply-patch+cbor")
        {
            throw ApiErrors.UnsupportedMediaType(contentType, accepted);
        }

        var force = context.Request.Query["force"] == "true";
        if (contentType != ApplyPatchType && context.Request.Query.ContainsKey("force"))
        {
            throw ApiErrors.Unprocessable("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch");
        }

        var name = request.Name!;
        if (contentType == ApplyPatchType)
        {
            if (string.IsNullOrEmpty(context.Request.Query["fieldManager"]))
            {
                throw ApiErrors.Unprocessable("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
            }

            var applied = BodyReader.Decode(body, yaml: true) as JsonObject
                ?? throw ApiErrors.BadRequest("error decoding YAML: the apply configuration must be an object");
            Validation.BodyChecks.RequireTypeMatch(type, applied);
            var (result, created) = operations.Patch(
                type,
                request.Namespace,
                name,
                live => fieldManager.Apply(type, live, applied.DeepClone().AsObject(), options.Manager, force, options.Subresource),
                options,
                createIfMissing: options.Subresource is null,
                managedFieldsDone: true);
            return (created ? HttpStatusCode.Created : HttpStatusCode.OK, result);
        }

        var patch = BodyReader.Decode(body, yaml: false);
        Func<JsonObject?, JsonObject> apply = contentType switch
        {
            JsonPatchType => live => JsonPatch.Apply(live!, patch),
            MergePatchType => live => MergePatch.Apply(live, patch) as JsonObject ?? throw ApiErrors.BadRequest("merge patch must be a JSON object"),
            _ => live => StrategicMergePatch.Apply(type, live!, patch),
        };
        var (patched, _) = operations.Patch(type, request.Namespace, name, apply, options, createIfMissing: false, managedFieldsDone: false);
        return (HttpStatusCode.OK, patched);
    }

    public static string MediaType(string? contentType) =>
        (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
}
