using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Accounting;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Errors;
using Homelab.DevCluster.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Homelab.DevCluster.Hosting;

/// <summary>
/// The request pipeline: faults, non-resource endpoints (version, discovery, OpenAPI, metrics,
/// debug), then resource routing, accounting and the verb handlers. Every failure leaves as a
/// Kubernetes Status; client input never produces a 500.
/// </summary>
internal sealed class ApiDispatcher(ClusterState state, DebugEndpoints debug, Func<string> serverAddress, ILogger logger)
{
    private const string AggregatedV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    private const string AggregatedV2Beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        try
        {
            if (state.Faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(state.Faults.Latency, state.Options.TimeProvider, cancellationToken);
            }

            if (!await TryNonResourceAsync(context, cancellationToken))
            {
                await HandleResourceAsync(context, cancellationToken);
            }
        }
        catch (ApiException e)
        {
            await WriteErrorAsync(context, e);
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(context, e.StatusCode == 413 ? ApiErrors.TooLarge() : ApiErrors.BadRequest(e.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            // Malformed input that slipped past the checks (e.g. a number where a string belongs): still the client's fault.
            await WriteErrorAsync(context, ApiErrors.BadRequest(e.Message));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "internal error serving {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteErrorAsync(context, new ApiException(HttpStatusCode.InternalServerError, "InternalError", "an error on the server has prevented the request from succeeding"));
        }
    }

    private async Task<bool> TryNonResourceAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var path = (context.Request.Path.Value ?? "/").TrimEnd('/');
        var registry = state.Registry;
        var aggregated = AggregatedType(context.Request.Headers.Accept.ToString());
        JsonNode? body = null;
        string contentType = ResponseWriter.Json;
        if (context.Request.Method == "GET")
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            switch (segments)
            {
                case ["version"]:
                    body = VersionInfo.Document();
                    break;
                case ["healthz" or "livez" or "readyz"]:
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync("ok", cancellationToken);
                    return true;
                case ["api"]:
                    (body, contentType) = aggregated is { } a1
                        ? (DiscoveryDocuments.Aggregated(registry, core: true, a1.ApiVersion), a1.ContentType)
                        : (DiscoveryDocuments.CoreVersions(serverAddress()), ResponseWriter.Json);
                    break;
                case ["apis"]:
                    (body, contentType) = aggregated is { } a2
                        ? (DiscoveryDocuments.Aggregated(registry, core: false, a2.ApiVersion), a2.ContentType)
                        : (DiscoveryDocuments.GroupList(registry), ResponseWriter.Json);
                    break;
                case ["api", var version] when registry.ServesGroupVersion("", version):
                    body = DiscoveryDocuments.ResourceList(registry, "", version);
                    break;
                case ["apis", var group]:
                    body = DiscoveryDocuments.SingleGroup(registry, group) ?? throw ApiErrors.PathNotFound();
                    break;
                case ["apis", var group, var version]:
                    body = registry.ServesGroupVersion(group, version)
                        ? DiscoveryDocuments.ResourceList(registry, group, version)
                        : throw ApiErrors.PathNotFound();
                    break;
                case ["openapi", "v3"]:
                    body = OpenApiDocuments.Index(registry);
                    break;
                case ["openapi", "v3", .. var rest]:
                    body = OpenApiDocuments.GroupVersion(registry, string.Join('/', rest)) ?? throw ApiErrors.PathNotFound();
                    break;
            }
        }

        if (body is not null)
        {
            await ResponseWriter.WriteAsync(context.Response, HttpStatusCode.OK, body, cancellationToken, contentType);
            return true;
        }

        return await debug.TryHandleAsync(context, cancellationToken);
    }

    private async Task HandleResourceAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var watch = query["watch"] is var w && (w == "true" || w == "1");
        var request = RequestRouter.Route(state.Registry, context.Request.Method, context.Request.Path.Value ?? "", watch)
            ?? throw ApiErrors.PathNotFound();
        var dryRunText = (string?)query["dryRun"];
        if (dryRunText is not (null or "" or "All"))
        {
            throw ApiErrors.BadRequest($"Invalid dryRun value: \"{dryRunText}\": supported values: \"All\"");
        }

        var dryRun = dryRunText == "All";
        state.Accounting.Record(new RequestKey(request.Verb, request.Type.Group, request.Type.Resource, request.Subresource ?? "", dryRun), request.Namespace, request.Name);
        if (state.Faults.ErrorFor(request.Verb, request.Type.Resource) is { } code)
        {
            throw ApiErrors.Injected((HttpStatusCode)code);
        }

        var options = new WriteOptions(ManagerName(context), dryRun, request.Subresource);
        var operations = state.Operations;
        var response = context.Response;
        switch (request.Verb)
        {
            case "get":
                var found = operations.Get(request.Type, request.Namespace, request.Name!);
                if (Printing.TablePrinter.Wanted(context.Request))
                {
                    await ResponseWriter.WriteAsync(response, HttpStatusCode.OK, state.Tables.Print(context.Request, request.Type, [found.ToNode()], found.ResourceVersion), cancellationToken);
                }
                else
                {
                    await ResponseWriter.WriteRawAsync(response, HttpStatusCode.OK, found.Json, cancellationToken);
                }

                break;
            case "list":
                await ListHandler.HandleAsync(context, request, state.Store, state.Tables, cancellationToken);
                break;
            case "watch":
                using (var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.RequestServices.GetStopping()))
                {
                    await state.Watches.HandleAsync(context, request, stopping.Token);
                }

                break;
            case "create":
                RequireJsonOrYaml(context);
                var created = operations.Create(request.Type, request.Namespace, await ReadObjectAsync(context, cancellationToken), options);
                await ResponseWriter.WriteAsync(response, HttpStatusCode.Created, created, cancellationToken);
                break;
            case "update":
                RequireJsonOrYaml(context);
                var updated = operations.Update(request.Type, request.Namespace, request.Name!, await ReadObjectAsync(context, cancellationToken), options);
                await ResponseWriter.WriteAsync(response, HttpStatusCode.OK, updated, cancellationToken);
                break;
            case "patch":
                var bytes = await BodyReader.ReadBytesAsync(context.Request, state.Options.MaxRequestBodyBytes, cancellationToken);
                var (patchCode, patched) = state.Patches.Handle(context, request, bytes, options);
                await ResponseWriter.WriteAsync(response, patchCode, patched, cancellationToken);
                break;
            case "delete":
                var deleteOptions = await ReadDeleteOptionsAsync(context, cancellationToken);
                await DeleteAsync(context, request, deleteOptions, options, cancellationToken);
                break;
            case "deletecollection":
                await DeleteCollectionAsync(context, request, await ReadDeleteOptionsAsync(context, cancellationToken), options, cancellationToken);
                break;
        }
    }

    private async Task DeleteAsync(HttpContext context, ApiRequest request, DeleteOptions deleteOptions, WriteOptions options, CancellationToken cancellationToken)
    {
        var type = request.Type;
        if (deleteOptions.PropagationPolicy == "Orphan" && !options.DryRun
            && state.Store.Get(type, request.Namespace, request.Name!)?.ToNode()["metadata"]?["uid"]?.GetValue<string>() is { } uid)
        {
            state.GarbageCollector.OrphanDependents(uid);
        }

        var (result, deleted) = state.Operations.Delete(type, request.Namespace, request.Name!, deleteOptions, options);
        await ResponseWriter.WriteAsync(context.Response, deleted ? HttpStatusCode.OK : HttpStatusCode.Accepted, result, cancellationToken);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ApiRequest request, DeleteOptions deleteOptions, WriteOptions options, CancellationToken cancellationToken)
    {
        var labels = Selectors.LabelSelector.Parse(context.Request.Query["labelSelector"]);
        var fields = Selectors.FieldSelector.Parse(context.Request.Query["fieldSelector"]);
        var (items, _) = state.Store.List(request.Type, request.Namespace);
        var deleted = new JsonArray();
        foreach (var item in items.Where(o => labels.Matches(o.Labels) && fields.Matches(o)))
        {
            try
            {
                deleted.Add(state.Operations.Delete(request.Type, item.Namespace, item.Name, deleteOptions, options).Result);
            }
            catch (ApiException e) when (e.Reason == "NotFound")
            {
                // Deleted concurrently.
            }
        }

        var list = new JsonObject
        {
            ["kind"] = request.Type.ListKind,
            ["apiVersion"] = request.Type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = state.Store.CurrentRevision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = deleted,
        };
        await ResponseWriter.WriteAsync(context.Response, HttpStatusCode.OK, list, cancellationToken);
    }

    private async Task<DeleteOptions> ReadDeleteOptionsAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var bytes = await BodyReader.ReadBytesAsync(context.Request, state.Options.MaxRequestBodyBytes, cancellationToken);
        var body = bytes.Length == 0 ? null : BodyReader.DecodeObject(bytes, yaml: false);
        return DeleteOptions.Read(body, context.Request.Query["propagationPolicy"]);
    }

    private async Task<JsonObject> ReadObjectAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var bytes = await BodyReader.ReadBytesAsync(context.Request, state.Options.MaxRequestBodyBytes, cancellationToken);
        var yaml = PatchHandler.MediaType(context.Request.ContentType) == "application/yaml";
        return BodyReader.DecodeObject(bytes, yaml);
    }

    private static void RequireJsonOrYaml(HttpContext context)
    {
        var mediaType = PatchHandler.MediaType(context.Request.ContentType);
        if (mediaType is not ("" or "application/json" or "application/yaml" or "*/*"))
        {
            throw ApiErrors.UnsupportedMediaType(mediaType, ["application/json", "application/yaml"]);
        }
    }

    /// <summary>The fieldManager parameter, else the User-Agent up to its first '/', as the API server names Update managers.</summary>
    private static string ManagerName(HttpContext context)
    {
        var manager = (string?)context.Request.Query["fieldManager"];
        if (!string.IsNullOrEmpty(manager))
        {
            return manager.Length <= 128 ? manager : throw ApiErrors.Unprocessable("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Too long: may not be more than 128 bytes");
        }

        var agent = context.Request.Headers.UserAgent.ToString();
        var slash = agent.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? agent[..slash] : agent.Length > 0 ? agent : "unknown";
    }

    private static (string ApiVersion, string ContentType)? AggregatedType(string accept)
    {
        var normalized = accept.Replace(" ", "", StringComparison.Ordinal);
        foreach (var part in normalized.Split(','))
        {
            if (!part.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal) || !part.Contains("g=apidiscovery.k8s.io", StringComparison.Ordinal))
            {
                continue;
            }

            if (part.Contains("v=v2;", StringComparison.Ordinal) || part.EndsWith("v=v2", StringComparison.Ordinal))
            {
                return ("apidiscovery.k8s.io/v2", AggregatedV2);
            }

            if (part.Contains("v=v2beta1", StringComparison.Ordinal))
            {
                return ("apidiscovery.k8s.io/v2beta1", AggregatedV2Beta1);
            }
        }

        return null;
    }

    private static async Task WriteErrorAsync(HttpContext context, ApiException error)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        await ResponseWriter.WriteAsync(context.Response, error.Code, error.ToStatus(), CancellationToken.None);
    }
}
