using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Apply;
using Homelab.DevCluster.Defaulting;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Errors;
using Homelab.DevCluster.Lifecycle;
using Homelab.DevCluster.Storage;
using Homelab.DevCluster.Validation;

namespace Homelab.DevCluster.Handlers;

/// <summary>
/// The write semantics of the API server, shared by HTTP handlers and the in-process controllers:
/// metadata rules, defaulting, validation, generation, managed fields, finalizers and dry-run.
/// </summary>
internal sealed class ResourceOperations(
    ObjectStore store,
    ResourceRegistry registry,
    ObjectDefaulter defaulter,
    FieldManager fieldManager,
    CrdRegistrar crds,
    TimeProvider time)
{
    public const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>The real server retries without bound; a high cap keeps a pathological loop finite.</summary>
    private const int PatchRetries = 1000;

    public ObjectStore Store => store;

    public ResourceRegistry Registry => registry;

    public ResourceType NamespaceResource { get; } = registry.Find("", "v1", "namespaces")!;

    public StoredObject Get(ResourceType type, string? ns, string name) =>
        store.Get(type, ns, name) ?? throw ApiErrors.NotFound(type, name);

    public JsonObject Create(ResourceType type, string? ns, JsonObject body, WriteOptions options)
    {
        BodyChecks.DefaultTypeFromEndpoint(type, body);
        BodyChecks.RequireTypeMatch(type, body);
        var metadata = body["metadata"] as JsonObject ?? [];
        body["metadata"] = metadata;
        PlaceInNamespace(type, ns, metadata);
        if (metadata["name"]?.GetValue<string>() is not { Length: > 0 } && metadata["generateName"]?.GetValue<string>() is { Length: > 0 } prefix)
        {
            metadata["name"] = prefix + NameSuffix();
        }

        var name = metadata["name"]?.GetValue<string>() ?? "";
        ObjectValidator.ThrowIfInvalid(type, body, name);
        if (type.Namespaced)
        {
            RequireLiveNamespace(type, (string)metadata["namespace"]!, name);
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Timestamp();
        foreach (var field in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
        {
            metadata.Remove(field);
        }

        if (type.TracksGeneration)
        {
            metadata["generation"] = 1;
        }
        else
        {
            metadata.Remove("generation");
        }

        if (type.HasStatus && type.Kind != "CustomResourceDefinition")
        {
            body.Remove("status");
        }

        defaulter.Default(type, body, isCreate: true);
        crds.Prepare(type, body);
        if (options.Subresource is null && !options.ManagedFieldsSet)
        {
            metadata.Remove("managedFields");
            fieldManager.RecordUpdate(type, null, body, options.Manager, null);
        }

        if (options.DryRun)
        {
            return body;
        }

        var stored = store.Create(type, body);
        crds.Stored(type, body);
        return stored.ToNode();
    }

    /// <summary>PUT: replace the object (or its status), guarded by the body's resourceVersion when it has one.</summary>
    public JsonObject Update(ResourceType type, string? ns, string name, JsonObject body, WriteOptions options)
    {
        BodyChecks.DefaultTypeFromEndpoint(type, body);
        BodyChecks.RequireTypeMatch(type, body);
        var current = Get(type, ns, name);
        var old = current.ToNode();
        long? expected = ReadRevision(body);
        var updated = PrepareUpdate(type, old, body, ns, name, options, managedFieldsDone: false);
        return Commit(type, old, updated, expected ?? current.ResourceVersion, options, unconditional: expected is null);
    }

    /// <summary>
    /// PATCH (and apply): re-reads and re-patches on a concurrent write, the way the API server's
    /// GuaranteedUpdate does, unless the patch itself pins a resourceVersion.
    /// </summary>
    public (JsonObject Result, bool Created) Patch(
        ResourceType type,
        string? ns,
        string name,
        Func<JsonObject?, JsonObject> patch,
        WriteOptions options,
        bool createIfMissing,
        bool managedFieldsDone)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = store.Get(type, ns, name);
            if (current is null)
            {
                if (!createIfMissing)
                {
                    throw ApiErrors.NotFound(type, name);
                }

                var created = patch(null);
                EnsureIdentity(type, created, ns, name);
                return (Create(type, ns, created, options with { ManagedFieldsSet = managedFieldsDone }), true);
            }

            var old = current.ToNode();
            var patched = patch(old.DeepClone().AsObject());
            BodyChecks.RequireTypeMatch(type, patched);
            var pinned = ReadRevision(patched);
            var updated = PrepareUpdate(type, old, patched, ns, name, options, managedFieldsDone);
            try
            {
                return (Commit(type, old, updated, pinned ?? current.ResourceVersion, options, unconditional: false), false);
            }
            catch (ApiException e) when (e.Reason == "Conflict" && (pinned is null || pinned == current.ResourceVersion) && attempt < PatchRetries)
            {
                // Someone else wrote in between: patch the newer object.
            }
        }
    }

    public (JsonObject Result, bool Deleted) Delete(ResourceType type, string? ns, string name, DeleteOptions delete, WriteOptions options)
    {
        var current = Get(type, ns, name);
        if (delete.PreconditionUid is { } uid && current.ToNode()["metadata"]?["uid"]?.GetValue<string>() != uid)
        {
            throw ApiErrors.Conflict(type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.ToNode()["metadata"]?["uid"]}", null);
        }

        if (delete.PreconditionResourceVersion is { } rv && rv != current.ResourceVersion)
        {
            throw ApiErrors.Conflict(type, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {current.ResourceVersion}", null);
        }

        var body = current.ToNode();
        var metadata = (JsonObject)body["metadata"]!;
        if (delete.PropagationPolicy == "Foreground" && metadata["deletionTimestamp"] is null)
        {
            // Foreground: the owner waits, held by this finalizer, until the garbage collector has deleted its dependents.
            var finalizers = metadata["finalizers"] as JsonArray ?? [];
            if (!finalizers.Any(f => f?.GetValue<string>() == ForegroundFinalizer))
            {
                finalizers.Add(ForegroundFinalizer);
            }

            metadata["finalizers"] = finalizers;
        }

        var pendingFinalizers = metadata["finalizers"] is JsonArray { Count: > 0 }
            || (type == NamespaceResource && body["spec"]?["finalizers"] is JsonArray { Count: > 0 });
        if (pendingFinalizers)
        {
            if (metadata["deletionTimestamp"] is null)
            {
                metadata["deletionTimestamp"] = Timestamp();
                metadata["deletionGracePeriodSeconds"] = 0;
                if (type == NamespaceResource)
                {
                    body["status"] = new JsonObject { ["phase"] = "Terminating" };
                }

                if (options.DryRun)
                {
                    return (body, false);
                }

                return (store.Update(type, body, current.ResourceVersion).ToNode(), false);
            }

            return (body, false);
        }

        if (options.DryRun)
        {
            return (body, true);
        }

        var deleted = store.Delete(type, ns, name, current.ResourceVersion);
        crds.Deleted(type, body);
        return (deleted.ToNode(), true);
    }

    private JsonObject PrepareUpdate(ResourceType type, JsonObject old, JsonObject candidate, string? ns, string name, WriteOptions options, bool managedFieldsDone)
    {
        EnsureIdentity(type, candidate, ns, name);
        JsonObject updated;
        if (options.Subresource == "status")
        {
            // The status endpoint writes status only; everything else stays as stored.
            updated = old.DeepClone().AsObject();
            updated["status"] = candidate["status"]?.DeepClone();
            if (candidate["metadata"]?["managedFields"] is JsonArray fields)
            {
                updated["metadata"]!["managedFields"] = fields.DeepClone();
            }
        }
        else
        {
            updated = candidate;
            if (type.HasStatus)
            {
                updated["status"] = old["status"]?.DeepClone();
                if (updated["status"] is null)
                {
                    updated.Remove("status");
                }
            }
        }

        var metadata = (JsonObject)updated["metadata"]!;
        var oldMetadata = (JsonObject)old["metadata"]!;
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
        {
            metadata[field] = oldMetadata[field]?.DeepClone();
            if (metadata[field] is null)
            {
                metadata.Remove(field);
            }
        }

        metadata.Remove("resourceVersion");
        if (type.Namespaced)
        {
            metadata["namespace"] = ns;
        }

        if (type == NamespaceResource && old["status"] is { } nsStatus)
        {
            updated["status"] = nsStatus.DeepClone();
        }

        CarryAllocatedValues(type, old, updated);
        defaulter.Default(type, updated, isCreate: false);
        ObjectValidator.ThrowIfInvalid(type, updated, name);
        if (options.Subresource is null)
        {
            ImmutableFields.ThrowIfChanged(type, old, updated, name);
        }
        crds.Prepare(type, updated);
        if (type.TracksGeneration && SpecChanged(old, updated))
        {
            metadata["generation"] = (oldMetadata["generation"]?.GetValue<long>() ?? 0) + 1;
        }

        var managedFieldsChangedByRequest = !JsonNode.DeepEquals(metadata["managedFields"], oldMetadata["managedFields"]);
        if (!managedFieldsDone && !managedFieldsChangedByRequest)
        {
            metadata["managedFields"] = oldMetadata["managedFields"]?.DeepClone();
            fieldManager.RecordUpdate(type, old, updated, options.Manager, options.Subresource);
        }

        return updated;
    }

    private JsonObject Commit(ResourceType type, JsonObject old, JsonObject updated, long expected, WriteOptions options, bool unconditional)
    {
        var metadata = (JsonObject)updated["metadata"]!;
        var finalizing = metadata["deletionTimestamp"] is not null
            && metadata["finalizers"] is not JsonArray { Count: > 0 }
            && !(type == NamespaceResource && updated["spec"]?["finalizers"] is JsonArray { Count: > 0 });
        if (options.DryRun)
        {
            metadata["resourceVersion"] = old["metadata"]!["resourceVersion"]?.DeepClone();
            return updated;
        }

        if (finalizing)
        {
            // The last finalizer is gone from an object being deleted: the update completes the deletion.
            var name = (string)metadata["name"]!;
            var deleted = store.Delete(type, metadata["namespace"]?.GetValue<string>(), name, unconditional ? null : expected);
            crds.Deleted(type, updated);
            return deleted.ToNode();
        }

        if (JsonNode.DeepEquals(WithoutRevision(old), WithoutRevision(updated)))
        {
            // A no-op write keeps the resourceVersion and sends no watch event, as the real server does.
            var current = store.Get(type, metadata["namespace"]?.GetValue<string>(), (string)metadata["name"]!);
            if (current is not null && (unconditional || current.ResourceVersion == expected))
            {
                return current.ToNode();
            }
        }

        var stored = store.Update(type, updated, unconditional ? null : expected);
        crds.Stored(type, updated);
        return stored.ToNode();
    }

    /// <summary>
    /// Values the server allocated (a Service's cluster IPs and node ports) survive an update that
    /// leaves them out, as the real registry carries them over instead of allocating new ones.
    /// </summary>
    private static void CarryAllocatedValues(ResourceType type, JsonObject old, JsonObject updated)
    {
        if (type.Kind != "Service" || type.IsCustom || old["spec"] is not JsonObject oldSpec || updated["spec"] is not JsonObject spec)
        {
            return;
        }

        foreach (var field in new[] { "clusterIP", "clusterIPs" })
        {
            if (spec[field] is null && oldSpec[field] is { } allocated)
            {
                spec[field] = allocated.DeepClone();
            }
        }

        var oldPorts = (oldSpec["ports"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        foreach (var port in (spec["ports"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            if (port["nodePort"] is null
                && oldPorts.FirstOrDefault(p => JsonNode.DeepEquals(p["port"], port["port"])) is { } previous
                && previous["nodePort"] is { } nodePort)
            {
                port["nodePort"] = nodePort.DeepClone();
            }
        }
    }

    private static JsonObject WithoutRevision(JsonObject o)
    {
        var copy = o.DeepClone().AsObject();
        (copy["metadata"] as JsonObject)?.Remove("resourceVersion");
        if (copy["metadata"]?["managedFields"] is JsonArray fields)
        {
            foreach (var entry in fields.OfType<JsonObject>())
            {
                entry.Remove("time");
            }
        }

        return copy;
    }

    private static bool SpecChanged(JsonObject old, JsonObject updated)
    {
        foreach (var (key, value) in updated)
        {
            if (key is "metadata" or "status" or "apiVersion" or "kind")
            {
                continue;
            }

            if (!JsonNode.DeepEquals(value, old[key]))
            {
                return true;
            }
        }

        return old.Any(p => p.Key is not ("metadata" or "status" or "apiVersion" or "kind") && !updated.ContainsKey(p.Key));
    }

    private static void EnsureIdentity(ResourceType type, JsonObject body, string? ns, string name)
    {
        var metadata = body["metadata"] as JsonObject ?? [];
        body["metadata"] = metadata;
        var bodyName = metadata["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(bodyName))
        {
            metadata["name"] = name;
        }
        else if (bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var bodyNamespace = metadata["namespace"]?.GetValue<string>();
        if (type.Namespaced && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static void PlaceInNamespace(ResourceType type, string? ns, JsonObject metadata)
    {
        var bodyNamespace = metadata["namespace"]?.GetValue<string>();
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }

        if (ns is null)
        {
            throw ApiErrors.MethodNotAllowed("POST");
        }

        if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        metadata["namespace"] = ns;
    }

    private void RequireLiveNamespace(ResourceType type, string ns, string name)
    {
        var stored = store.Get(NamespaceResource, null, ns) ?? throw ApiErrors.NotFound(NamespaceResource, ns);
        if (stored.ToNode()["metadata"]?["deletionTimestamp"] is not null)
        {
            throw ApiErrors.Forbidden(type, name, $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }

    private static long? ReadRevision(JsonObject body) =>
        body["metadata"]?["resourceVersion"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
            ? long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw ApiErrors.BadRequest($"invalid resourceVersion \"{s}\"")
            : null;

    private string Timestamp() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string NameSuffix()
    {
        const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
    }
}
