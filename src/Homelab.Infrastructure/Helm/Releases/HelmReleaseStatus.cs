using System.Text.Json.Nodes;
using Homelab.Api.Status;
using Homelab.Engine.Inventory;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Helm.Releases;

/// <summary>
/// A HelmRelease's <c>status</c> in Flux v2's shape (history newest first, failure counters, last attempted
/// chart version and values digest), plus the <c>inventory</c> of applied objects Homelab prunes from.
/// </summary>
public sealed record HelmReleaseStatus
{
    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    public IReadOnlyList<ReleaseSnapshot> History { get; init; } = [];

    public FluxInventory Inventory { get; init; } = FluxInventory.Empty;

    public long ObservedGeneration { get; init; }

    public long LastAttemptedGeneration { get; init; }

    public string? LastAttemptedRevision { get; init; }

    public string? LastAttemptedConfigDigest { get; init; }

    public string? LastAttemptedReleaseAction { get; init; }

    public string? LastHandledReconcileAt { get; init; }

    public string? StorageNamespace { get; init; }

    public int Failures { get; init; }

    public int InstallFailures { get; init; }

    public int UpgradeFailures { get; init; }

    /// <summary>The newest version that ended deployed: the one a rollback returns to.</summary>
    public ReleaseSnapshot? LastDeployed => History.FirstOrDefault(h => h.Status is ReleaseSnapshot.Deployed);

    public ReleaseSnapshot? Latest => History.FirstOrDefault();

    public static HelmReleaseStatus Read(KubeObject release)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (release.Get("status") is not JsonObject status)
        {
            return new HelmReleaseStatus();
        }

        FluxInventory inventory;
        try
        {
            inventory = FluxInventory.FromStatus(status["inventory"]);
        }
        catch (Homelab.Manifests.ManifestException)
        {
            // A hand-edited, unreadable inventory must not block the release; prune then has nothing to go on.
            inventory = FluxInventory.Empty;
        }

        return new HelmReleaseStatus
        {
            Conditions = [.. (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().Select(Condition.FromJson)],
            History = [.. (status["history"] as JsonArray ?? []).OfType<JsonObject>().Select(ReleaseSnapshot.FromJson)],
            Inventory = inventory,
            ObservedGeneration = Long(status, "observedGeneration"),
            LastAttemptedGeneration = Long(status, "lastAttemptedGeneration"),
            LastAttemptedRevision = Text(status, "lastAttemptedRevision"),
            LastAttemptedConfigDigest = Text(status, "lastAttemptedConfigDigest"),
            LastAttemptedReleaseAction = Text(status, "lastAttemptedReleaseAction"),
            LastHandledReconcileAt = Text(status, "lastHandledReconcileAt"),
            StorageNamespace = Text(status, "storageNamespace"),
            Failures = (int)Long(status, "failures"),
            InstallFailures = (int)Long(status, "installFailures"),
            UpgradeFailures = (int)Long(status, "upgradeFailures"),
        };
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["observedGeneration"] = ObservedGeneration,
            ["conditions"] = new JsonArray([.. Conditions.Select(c => (JsonNode)c.ToJson())]),
            ["history"] = new JsonArray([.. History.Select(h => (JsonNode)h.ToJson())]),
            ["inventory"] = Inventory.ToStatus(),
            ["failures"] = Failures,
            ["installFailures"] = InstallFailures,
            ["upgradeFailures"] = UpgradeFailures,
        };
        Add(json, "lastAttemptedGeneration", LastAttemptedGeneration == 0 ? null : LastAttemptedGeneration);
        Add(json, "lastAttemptedRevision", LastAttemptedRevision);
        Add(json, "lastAttemptedConfigDigest", LastAttemptedConfigDigest);
        Add(json, "lastAttemptedReleaseAction", LastAttemptedReleaseAction);
        Add(json, "lastHandledReconcileAt", LastHandledReconcileAt);
        Add(json, "storageNamespace", StorageNamespace);
        return json;
    }

    public HelmReleaseStatus WithCondition(Condition condition) => this with { Conditions = Homelab.Api.Status.Conditions.Set(Conditions, condition) };

    public HelmReleaseStatus Without(string conditionType) => this with { Conditions = Homelab.Api.Status.Conditions.Remove(Conditions, conditionType) };

    private static void Add(JsonObject json, string key, object? value)
    {
        if (value is not null)
        {
            json[key] = JsonValue.Create(value);
        }
    }

    private static string? Text(JsonObject json, string key) => json[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long Long(JsonObject json, string key) => json[key] is JsonValue value && value.TryGetValue<long>(out var number) ? number : 0;
}
