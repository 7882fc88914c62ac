using System.Text.Json.Nodes;
using Homelab.Api.Status;
using ConditionList = Homelab.Api.Status.Conditions;
using Homelab.Engine.Inventory;
using Homelab.Manifests;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary>
/// The part of a Kustomization's <c>status</c> this controller owns, as Flux writes it. Immutable: each
/// reconcile step derives the next status, and <see cref="IsWrittenIn"/> tells whether a write is needed
/// at all, so a reconcile that changes nothing makes no API request.
/// </summary>
internal sealed record KustomizationStatus(
    IReadOnlyList<Condition> Conditions,
    long ObservedGeneration,
    string? LastAppliedRevision,
    string? LastAttemptedRevision,
    string? LastHandledReconcileAt,
    FluxInventory? Inventory)
{
    /// <summary>Reads the status as found; an unreadable inventory reads as none, so nothing can be pruned from a guess.</summary>
    public static KustomizationStatus Read(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var conditions = (obj.Get("status", "conditions") as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(Condition.FromJson)
            .ToList();
        FluxInventory? inventory;
        try
        {
            inventory = obj.Get("status", "inventory") is { } node ? FluxInventory.FromStatus(node) : null;
        }
        catch (ManifestException)
        {
            inventory = null;
        }

        return new KustomizationStatus(
            conditions,
            obj.ObservedGeneration(),
            obj.GetString("status", "lastAppliedRevision"),
            obj.GetString("status", "lastAttemptedRevision"),
            obj.GetString("status", "lastHandledReconcileAt"),
            inventory);
    }

    public Condition? Ready => ConditionList.Find(Conditions, ConditionTypes.Ready);

    public bool IsReady => Ready?.IsTrue == true;

    public KustomizationStatus With(Condition condition) => this with { Conditions = ConditionList.Set(Conditions, condition) };

    public KustomizationStatus Without(string type) => this with { Conditions = ConditionList.Remove(Conditions, type) };

    /// <summary>The fields as a merge-patch body; unset fields are left out, so they are never erased.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["conditions"] = new JsonArray([.. Conditions.Select(c => (JsonNode)c.ToJson())]),
            ["observedGeneration"] = ObservedGeneration,
        };
        AddIfSet(json, "lastAppliedRevision", LastAppliedRevision);
        AddIfSet(json, "lastAttemptedRevision", LastAttemptedRevision);
        AddIfSet(json, "lastHandledReconcileAt", LastHandledReconcileAt);
        if (Inventory is not null)
        {
            json["inventory"] = Inventory.ToStatus();
        }

        return json;
    }

    /// <summary>True when every field this status would write already has that value on the object.</summary>
    public bool IsWrittenIn(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var current = obj.Get("status") as JsonObject;
        return ToJson().All(field => JsonNode.DeepEquals(field.Value, current?[field.Key]));
    }

    private static void AddIfSet(JsonObject json, string key, string? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
    }
}
