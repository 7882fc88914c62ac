using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Kubernetes.Discovery;

/// <summary>
/// Kind ↔ resource mapping for the whole server, loaded once from aggregated discovery (two requests)
/// with a fallback to legacy discovery, and refreshed when a kind is missing (a CRD may have just
/// appeared), at most once per <see cref="DiscoveryOptions.MinRefreshInterval"/>.
/// </summary>
public sealed class DiscoveryCache
{
    private readonly ApiTransport _transport;
    private readonly DiscoveryOptions _options;
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private DiscoveryIndex? _index;
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    internal DiscoveryCache(ApiTransport transport, DiscoveryOptions options)
    {
        _transport = transport;
        _options = options;
    }

    /// <summary>True when the last load used aggregated discovery.</summary>
    public bool UsedAggregatedDiscovery { get; private set; }

    /// <summary>Every known type, preferred versions only.</summary>
    public IReadOnlyCollection<ResourceType> PreferredTypes => _index?.Preferred.Values ?? (IReadOnlyCollection<ResourceType>)[];

    public Task<ResourceType> ResolveAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return ResolveAsync(obj.Group, obj.Kind, obj.Version, cancellationToken);
    }

    /// <summary>The resource for a kind: at <paramref name="version"/> when given, else the preferred version.</summary>
    /// <exception cref="UnknownKindException">Not served, even after a refresh.</exception>
    public async Task<ResourceType> ResolveAsync(string group, string kind, string? version, CancellationToken cancellationToken)
    {
        var index = _index ?? await LoadAsync(force: false, cancellationToken);
        if (index.TryFind(group, kind, version, out var type))
        {
            return type;
        }

        if (_options.TimeProvider.GetUtcNow() - _loadedAt >= _options.MinRefreshInterval)
        {
            index = await LoadAsync(force: true, cancellationToken);
            if (index.TryFind(group, kind, version, out type))
            {
                return type;
            }
        }

        throw new UnknownKindException(group, kind, version);
    }

    /// <summary>Answers from memory only; false when the kind is unknown or discovery has not loaded.</summary>
    public bool TryResolve(string group, string kind, string? version, out ResourceType type)
    {
        if (_index is { } index)
        {
            return index.TryFind(group, kind, version, out type);
        }

        type = null!;
        return false;
    }

    /// <summary>
    /// Marks the loaded state as outdated (a CRD appeared or changed): the next miss refreshes at once,
    /// whatever the rate limit; hits keep being served from memory.
    /// </summary>
    public void Invalidate() => _loadedAt = DateTimeOffset.MinValue;

    /// <summary>Reloads now, regardless of the rate limit (e.g. after installing CRDs).</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => LoadAsync(force: true, cancellationToken);

    private async Task<DiscoveryIndex> LoadAsync(bool force, CancellationToken cancellationToken)
    {
        var before = _loadedAt;
        await _loadGate.WaitAsync(cancellationToken);
        try
        {
            // Someone else loaded while we waited: their result is as fresh as ours would be.
            if (_index is { } current && (!force || _loadedAt != before))
            {
                return current;
            }

            var (types, aggregated) = await FetchAsync(cancellationToken);
            var index = new DiscoveryIndex(types);
            UsedAggregatedDiscovery = aggregated;
            _index = index;
            _loadedAt = _options.TimeProvider.GetUtcNow();
            return index;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    private async Task<(List<ResourceType> Types, bool Aggregated)> FetchAsync(CancellationToken cancellationToken)
    {
        if (!_options.UseAggregatedDiscovery)
        {
            return (await FetchLegacyAsync(cancellationToken), false);
        }

        var core = await GetAsync("api", DiscoveryDocument.AggregatedAccept, cancellationToken);
        var groups = await GetAsync("apis", DiscoveryDocument.AggregatedAccept, cancellationToken);
        if (core.Aggregated && groups.Aggregated)
        {
            return ([.. DiscoveryDocument.ReadAggregated(core.Body), .. DiscoveryDocument.ReadAggregated(groups.Body)], true);
        }

        return (await FetchLegacyAsync(cancellationToken), false);
    }

    private async Task<List<ResourceType>> FetchLegacyAsync(CancellationToken cancellationToken)
    {
        var core = (await GetAsync("api", "application/json", cancellationToken)).Body;
        var groups = (await GetAsync("apis", "application/json", cancellationToken)).Body;
        var groupVersions = new List<(string Group, string Version)>();
        groupVersions.AddRange((core["versions"] as JsonArray ?? []).Select(v => ("", DiscoveryDocument.Text(v))));
        foreach (var group in (groups["groups"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = DiscoveryDocument.Text(group["name"]);
            var preferred = DiscoveryDocument.Text(group["preferredVersion"]?["version"]);
            var versions = (group["versions"] as JsonArray ?? []).OfType<JsonObject>().Select(v => DiscoveryDocument.Text(v["version"]))
                .OrderBy(v => v == preferred ? 0 : 1);
            groupVersions.AddRange(versions.Select(v => (name, v)));
        }

        var types = new List<ResourceType>();
        foreach (var (group, version) in groupVersions)
        {
            var path = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
            types.AddRange(DiscoveryDocument.ReadResourceList((await GetAsync(path, "application/json", cancellationToken)).Body, group, version));
        }

        return types;
    }

    private async Task<(JsonObject Body, bool Aggregated)> GetAsync(string path, string accept, CancellationToken cancellationToken)
    {
        using var response = await _transport.SendAsync(HttpMethod.Get, path, "get", "discovery", cancellationToken, accept: accept);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)
            ?? throw new InvalidOperationException($"discovery /{path} returned an empty body");
        return (body, DiscoveryDocument.IsAggregated(response.Content.Headers.ContentType?.ToString()));
    }
}
