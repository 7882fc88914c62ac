using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.Kubernetes.Discovery;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Client;

/// <summary>
/// <see cref="IClusterClient"/> over raw HTTP through the connection's authenticated HttpClient, so
/// content types (apply-patch+yaml, merge-patch+json) and query parameters are exactly what we send.
/// </summary>
public sealed class ClusterClient : IClusterClient
{
    private readonly ApiTransport _transport;

    public ClusterClient(ClusterConnection connection, RequestMetrics metrics, DiscoveryOptions? discoveryOptions = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(metrics);
        _transport = new ApiTransport(connection, metrics);
        Discovery = new DiscoveryCache(_transport, discoveryOptions ?? new DiscoveryOptions());
    }

    public DiscoveryCache Discovery { get; }

    public async Task<KubeObject> GetAsync(ObjectReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var type = await ResolveAsync(reference, cancellationToken);
        var body = await _transport.GetStringAsync(type.ObjectPath(NamespaceFor(type, reference), reference.Name), "get", type.ToString(), cancellationToken);
        return KubeObject.FromJson(body);
    }

    public async Task<KubeObject?> TryGetAsync(ObjectReference reference, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(reference, cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    public async Task<ObjectList> ListAsync(string apiVersion, string kind, ListOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (group, version) = KubeObject.SplitApiVersion(apiVersion);
        var type = await Discovery.ResolveAsync(group, kind, version, cancellationToken);
        return await ListAsync(type, options, cancellationToken);
    }

    internal async Task<ObjectList> ListAsync(ResourceType type, ListOptions options, CancellationToken cancellationToken)
    {
        var query = new QueryString().Add("labelSelector", options.LabelSelector).Add("fieldSelector", options.FieldSelector);
        using var response = await _transport.SendAsync(HttpMethod.Get, type.CollectionPath(options.Namespace) + query, "list", type.ToString(), cancellationToken);
        var list = await ReadObjectAsync(response, cancellationToken);
        var array = list["items"] as JsonArray ?? [];
        var bodies = array.OfType<JsonObject>().ToList();
        array.Clear(); // detach the items so each becomes the root of its own object
        var items = bodies.Select(item =>
        {
            // List items come without apiVersion/kind; restore them so every object is self-describing.
            item["apiVersion"] ??= type.ApiVersion;
            item["kind"] ??= type.Kind;
            return new KubeObject(item);
        }).ToList();
        return new ObjectList(items, list["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "");
    }

    public async Task<KubeObject> ApplyAsync(KubeObject obj, ApplyOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.FieldManager, nameof(options));
        if (obj.Name.Length == 0)
        {
            throw new ArgumentException($"{obj.Kind}: server-side apply needs metadata.name (generateName works only with create)", nameof(obj));
        }

        var type = await Discovery.ResolveAsync(obj, cancellationToken);
        var query = new QueryString().Add("fieldManager", options.FieldManager).Add("force", options.Force).DryRun(options.DryRun);
        // The apply content type is YAML, and JSON is YAML: send the compact JSON form.
        return await WriteAsync(HttpMethod.Patch, type.ObjectPath(NamespaceFor(type, obj), obj.Name) + query, "patch", type, obj.ToJson(), "application/apply-patch+yaml", cancellationToken);
    }

    public async Task<KubeObject> CreateAsync(KubeObject obj, WriteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(options);
        var type = await Discovery.ResolveAsync(obj, cancellationToken);
        var query = new QueryString().Add("fieldManager", options.FieldManager).DryRun(options.DryRun);
        return await WriteAsync(HttpMethod.Post, type.CollectionPath(NamespaceFor(type, obj)) + query, "create", type, obj.ToJson(), "application/json", cancellationToken);
    }

    public async Task<KubeObject> ReplaceAsync(KubeObject obj, WriteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(options);
        var type = await Discovery.ResolveAsync(obj, cancellationToken);
        var query = new QueryString().Add("fieldManager", options.FieldManager).DryRun(options.DryRun);
        return await WriteAsync(HttpMethod.Put, ObjectPath(type, NamespaceFor(type, obj), obj.Name, options.Subresource) + query, "update", type, obj.ToJson(), "application/json", cancellationToken);
    }

    public async Task<KubeObject> PatchAsync(ObjectReference reference, string patch, PatchType type, WriteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(options);
        var resource = await ResolveAsync(reference, cancellationToken);
        var contentType = type switch
        {
            PatchType.Merge => "application/merge-patch+json",
            PatchType.Json => "application/json-patch+json",
            PatchType.Strategic => "application/strategic-merge-patch+json",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown patch type"),
        };
        var query = new QueryString().Add("fieldManager", options.FieldManager).DryRun(options.DryRun);
        return await WriteAsync(HttpMethod.Patch, ObjectPath(resource, NamespaceFor(resource, reference), reference.Name, options.Subresource) + query, "patch", resource, patch, contentType, cancellationToken);
    }

    public async Task<bool> DeleteAsync(ObjectReference reference, DeleteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(options);
        var type = await ResolveAsync(reference, cancellationToken);
        var body = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1" };
        if (options.PropagationPolicy is not null)
        {
            body["propagationPolicy"] = options.PropagationPolicy;
        }

        if (options.PreconditionUid is not null || options.PreconditionResourceVersion is not null)
        {
            var preconditions = new JsonObject();
            if (options.PreconditionUid is not null)
            {
                preconditions["uid"] = options.PreconditionUid;
            }

            if (options.PreconditionResourceVersion is not null)
            {
                preconditions["resourceVersion"] = options.PreconditionResourceVersion;
            }

            body["preconditions"] = preconditions;
        }

        if (options.DryRun)
        {
            body["dryRun"] = new JsonArray("All");
        }

        var query = new QueryString().DryRun(options.DryRun);
        try
        {
            using var response = await _transport.SendAsync(
                HttpMethod.Delete,
                type.ObjectPath(NamespaceFor(type, reference), reference.Name) + query,
                "delete",
                type.ToString(),
                cancellationToken,
                Content(body.ToJsonString(), "application/json"));
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        var query = new QueryString()
            .Add("watch", true)
            .Add("labelSelector", options.LabelSelector)
            .Add("allowWatchBookmarks", options.AllowBookmarks)
            .Add("timeoutSeconds", options.TimeoutSeconds?.ToString(CultureInfo.InvariantCulture));
        query = options.SendInitialEvents
            ? query.Add("sendInitialEvents", true).Add("resourceVersionMatch", "NotOlderThan").Add("resourceVersion", options.ResourceVersion ?? "")
            : query.Add("resourceVersion", options.ResourceVersion);
        var resource = type.ToString();
        using var response = await _transport.SendAsync(HttpMethod.Get, type.CollectionPath(options.Namespace) + query, "watch", resource, cancellationToken, streaming: true);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var node = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("a watch event must be a JSON object");
            var eventType = node["type"]?.GetValue<string>();
            var obj = node["object"] as JsonObject ?? throw new JsonException($"watch event {eventType} has no object");
            node.Remove("object");
            yield return eventType switch
            {
                "ADDED" => new WatchEvent(WatchEventType.Added, obj),
                "MODIFIED" => new WatchEvent(WatchEventType.Modified, obj),
                "DELETED" => new WatchEvent(WatchEventType.Deleted, obj),
                "BOOKMARK" => new WatchEvent(WatchEventType.Bookmark, obj),
                "ERROR" => throw ApiErrorMapper.FromStatus(obj, resource),
                _ => throw new JsonException($"unknown watch event type '{eventType}'"),
            };
        }
    }

    private async Task<KubeObject> WriteAsync(HttpMethod method, string pathAndQuery, string verb, ResourceType type, string body, string contentType, CancellationToken cancellationToken)
    {
        using var response = await _transport.SendAsync(method, pathAndQuery, verb, type.ToString(), cancellationToken, Content(body, contentType));
        return new KubeObject(await ReadObjectAsync(response, cancellationToken));
    }

    /// <summary>The object's path, or one of its subresources' (<c>…/status</c>).</summary>
    private static string ObjectPath(ResourceType type, string? @namespace, string name, string? subresource) =>
        subresource is null ? type.ObjectPath(@namespace, name) : $"{type.ObjectPath(@namespace, name)}/{Uri.EscapeDataString(subresource)}";

    private Task<ResourceType> ResolveAsync(ObjectReference reference, CancellationToken cancellationToken) =>
        Discovery.ResolveAsync(reference.Group, reference.Kind, reference.Version, cancellationToken);

    private static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject
            ?? throw new JsonException("the API server answered with something other than an object");
    }

    private static ByteArrayContent Content(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private static string? NamespaceFor(ResourceType type, KubeObject obj) => NamespaceFor(type, obj.Namespace, obj.Id.ToString());

    private static string? NamespaceFor(ResourceType type, ObjectReference reference) => NamespaceFor(type, reference.Namespace, reference.ToString());

    /// <summary>Namespaced kinds need a namespace (never guess one); cluster-scoped kinds ignore it.</summary>
    private static string? NamespaceFor(ResourceType type, string? @namespace, string what) =>
        !type.Namespaced ? null
        : @namespace ?? throw new ArgumentException($"{what}: {type} is namespaced but no namespace was given");
}
