using System.Text.Json.Nodes;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Discovery;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Web.Live;

/// <summary>
/// What the gRPC contracts do not carry: one live object as YAML (secrets redacted) and the Kubernetes
/// Events about an object, both read from the API server on demand (a page view, not a reconcile).
/// </summary>
internal sealed class LiveObjects(IClusterClient client)
{
    private const int MaxEvents = 50;

    /// <summary>The object's YAML for display, or null when it does not exist (or its kind is not served).</summary>
    public async Task<string?> ManifestAsync(string group, string version, string kind, string? @namespace, string name, CancellationToken cancellationToken)
    {
        var apiVersion = group.Length == 0 ? version : $"{group}/{version}";
        KubeObject? live;
        try
        {
            live = await client.TryGetAsync(new ObjectReference(apiVersion, kind, string.IsNullOrEmpty(@namespace) ? null : @namespace, name), cancellationToken);
        }
        catch (UnknownKindException)
        {
            return null;
        }

        return live is null ? null : YamlWriter.Write([SecretRedactor.ForDisplay(live)]);
    }

    /// <summary>The newest Events whose involved object is the given one, newest first.</summary>
    public async Task<JsonArray> EventsAsync(string kind, string @namespace, string name, CancellationToken cancellationToken)
    {
        // Field selectors are not served everywhere (the dev cluster), so filter the namespace's events here.
        var list = await client.ListAsync("v1", "Event", new ListOptions(Namespace: @namespace), cancellationToken);
        var events = list.Items
            .Where(e => e.GetString("involvedObject", "kind") == kind && e.GetString("involvedObject", "name") == name)
            .Select(e => new
            {
                Event = e,
                Time = e.GetString("lastTimestamp") ?? e.GetString("eventTime") ?? e.GetString("metadata", "creationTimestamp") ?? "",
            })
            .OrderByDescending(e => e.Time, StringComparer.Ordinal)
            .Take(MaxEvents);
        var array = new JsonArray();
        foreach (var item in events)
        {
            var e = item.Event;
            array.Add(new JsonObject
            {
                ["type"] = e.GetString("type") ?? "",
                ["reason"] = e.GetString("reason") ?? "",
                ["message"] = e.GetString("message") ?? "",
                ["count"] = e.Get("count")?.GetValue<int>() ?? 1,
                ["time"] = item.Time,
            });
        }

        return array;
    }
}
