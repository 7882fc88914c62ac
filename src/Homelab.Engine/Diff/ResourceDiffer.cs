using System.Text.Json.Nodes;
using Homelab.Engine.Diff.ManagedFields;
using Homelab.Engine.Diff.Paths;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Engine.Diff;

/// <summary>
/// Decides whether a live object has drifted from its desired state. Steps, in order:
/// normalize both (status, server metadata, Secret stringData); drop ignored fields from both
/// (pointers, jq paths, fields owned by ignored managers); compare desired ⊆ live; add fields our
/// manager owns in live that desired dropped; print the masked, unified YAML diff.
/// Pure and thread-safe: no cluster access, inputs are never modified.
/// <para>
/// Desired must be the object exactly as it will be applied, tracking marks stamped
/// (<see cref="Inventory.IOwnerMark.Stamp"/>): a mark we own in live but missing from desired is a
/// removed field. To confirm a suspected drift, pass the server-side dry-run result as desired: it is
/// a full server object, so Equal means the apply would change nothing.
/// </para>
/// </summary>
public sealed class ResourceDiffer(DiffOptions options)
{
    private readonly DiffOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    public ResourceDiff Diff(KubeObject? desired, KubeObject? live)
    {
        if (desired is null && live is null)
        {
            throw new ArgumentException("a diff needs a desired or a live object");
        }

        var id = (desired ?? live)!.Id;
        var isSecret = ObjectNormalizer.IsSecret((desired ?? live)!);
        var masker = new SecretMasker();

        if (live is null || desired is null)
        {
            var only = Prepare(desired ?? live!, id);
            var text = Print(only, masker, isSecret);
            var diff = desired is null
                ? UnifiedDiffFormatter.Format(text, "", Label("live", id), Label("desired", id), _options.ContextLines)
                : UnifiedDiffFormatter.Format("", text, Label("live", id), Label("desired", id), _options.ContextLines);
            return new ResourceDiff(id, desired is null ? DiffState.Extra : DiffState.Missing, [], diff);
        }

        var desiredBody = Prepare(desired, id);
        var liveBody = Prepare(live, id);
        RemoveIgnoredManagersFields(live, id, desiredBody, liveBody);

        var changes = SubsetComparer.Compare(desiredBody, liveBody)
            .Select(c => new FieldChange(c.Path, c.Kind, isSecret && SecretMasker.IsSecretValuePath(c.Path)))
            .ToList();

        var removed = FindRemoved(live, desiredBody, liveBody);
        changes.AddRange(removed.Select(p => JsonPointer.Format(p))
            .Select(p => new FieldChange(p, FieldChangeKind.Removed, isSecret && SecretMasker.IsSecretValuePath(p))));

        if (changes.Count == 0)
        {
            return new ResourceDiff(id, DiffState.Equal, [], "");
        }

        var predicted = (JsonObject)PredictedLive.Overlay(liveBody.DeepClone(), desiredBody);
        NodePaths.RemoveAll(predicted, removed);
        var before = Print(liveBody, masker, isSecret);
        var after = Print(predicted, masker, isSecret);
        var unified = UnifiedDiffFormatter.Format(before, after, Label("live", id), Label("desired", id), _options.ContextLines);
        return new ResourceDiff(id, DiffState.Modified, changes, unified);
    }

    private JsonObject Prepare(KubeObject obj, ObjectId id)
    {
        var body = ObjectNormalizer.Normalize(obj);
        var selected = _options.IgnoreRules.SelectorsFor(id).SelectMany(s => s.Select(body));
        NodePaths.RemoveAll(body, selected);
        return body;
    }

    /// <summary>
    /// Fields owned by an ignored manager (an HPA's replicas, a mutating webhook's sidecar) are dropped
    /// from both sides. Paths are found in live and resolved by key, not index, in desired.
    /// </summary>
    private void RemoveIgnoredManagersFields(KubeObject live, ObjectId id, JsonObject desiredBody, JsonObject liveBody)
    {
        var managers = _options.IgnoreRules.ManagersFor(id);
        if (managers.Count == 0)
        {
            return;
        }

        foreach (var set in FieldSet.ForManagers(live.Metadata?["managedFields"], managers.Contains))
        {
            var inDesired = FieldSetResolver.Leaves(set, desiredBody);
            var inLive = FieldSetResolver.Leaves(set, liveBody);
            NodePaths.RemoveAll(desiredBody, inDesired);
            NodePaths.RemoveAll(liveBody, inLive);
        }
    }

    private List<IReadOnlyList<PathToken>> FindRemoved(KubeObject live, JsonObject desiredBody, JsonObject liveBody)
    {
        if (_options.FieldManager is not { Length: > 0 } manager)
        {
            return [];
        }

        // Only server-side apply drops fields its manager stops sending. Fields our manager got through a
        // create or update (Argo's Replace=true) include server defaults, and are not removed by omission.
        var applied = new JsonArray([.. (live.Metadata?["managedFields"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(e => e["operation"] is not JsonValue op || (op.TryGetValue<string>(out var operation) && operation == "Apply"))
            .Select(e => e.DeepClone())]);
        var owned = FieldSet.ForManagers(applied, m => m == manager);
        return RemovedFieldFinder.Find(owned, liveBody, desiredBody);
    }

    private static string Print(JsonObject body, SecretMasker masker, bool isSecret)
    {
        var copy = (JsonObject)body.DeepClone();
        if (isSecret)
        {
            masker.Mask(copy);
        }

        return YamlWriter.Write([(JsonNode)copy]);
    }

    private static string Label(string side, ObjectId id) => $"{side}/{id}";
}
