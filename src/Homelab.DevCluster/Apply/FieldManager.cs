using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.DevCluster.Discovery;
using Homelab.DevCluster.Errors;

namespace Homelab.DevCluster.Apply;

/// <summary>
/// Field ownership, as structured-merge-diff tracks it: updates take ownership of the fields they
/// change; server-side apply merges a manager's configuration, reports conflicts with other owners,
/// and removes fields the manager stopped applying when nobody else owns them.
/// </summary>
internal sealed class FieldManager(TimeProvider time)
{
    /// <summary>Records an Update (create, PUT, non-apply PATCH) in <paramref name="updated"/>'s managedFields.</summary>
    public void RecordUpdate(ResourceType type, JsonObject? old, JsonObject updated, string manager, string? subresource)
    {
        var entries = ManagedFieldsEntry.ReadAll(updated);
        var newSet = ObjectFields.Of(type, updated, subresource);
        var changed = new List<string[]>();
        var removed = new List<string[]>();
        if (old is null)
        {
            changed.AddRange(newSet.Paths());
        }
        else
        {
            var oldSet = ObjectFields.Of(type, old, subresource);
            foreach (var path in newSet.Paths())
            {
                var isLeaf = newSet.Find(path)!.Children.Count == 0;
                if (!oldSet.Contains(path)
                    || (isLeaf && !JsonNode.DeepEquals(ObjectFields.ValueAt(old, path, out _), ObjectFields.ValueAt(updated, path, out _))))
                {
                    changed.Add(path);
                }
            }

            removed.AddRange(oldSet.Paths().Where(p => !newSet.Contains(p)));
        }

        if (changed.Count == 0 && removed.Count == 0)
        {
            return;
        }

        var mine = entries.FirstOrDefault(e => e.Is(manager, "Update", subresource));
        if (mine is null && changed.Count > 0)
        {
            mine = new ManagedFieldsEntry(manager, "Update", type.ApiVersion, subresource, null, new FieldSet());
            entries.Add(mine);
        }

        foreach (var entry in entries)
        {
            foreach (var path in removed)
            {
                entry.Fields.Remove(path);
            }

            if (entry != mine)
            {
                foreach (var path in changed)
                {
                    entry.Fields.Remove(path);
                }
            }
        }

        if (mine is not null)
        {
            foreach (var path in changed)
            {
                mine.Fields.Add(path);
            }

            mine.ApiVersion = type.ApiVersion;
            mine.Time = Now();
        }

        ManagedFieldsEntry.WriteAll(updated, entries);
    }

    /// <summary>Server-side apply of <paramref name="applied"/> onto <paramref name="live"/> (null: create).</summary>
    public JsonObject Apply(ResourceType type, JsonObject? live, JsonObject applied, string manager, bool force, string? subresource)
    {
        (applied["metadata"] as JsonObject)?.Remove("managedFields");
        var appliedSet = ObjectFields.Of(type, applied, subresource);
        var entries = live is null ? [] : ManagedFieldsEntry.ReadAll(live);
        var mine = entries.FirstOrDefault(e => e.Is(manager, "Apply", subresource));
        if (live is not null)
        {
            var conflicts = FindConflicts(live, applied, appliedSet, entries, mine);
            if (conflicts.Count > 0 && !force)
            {
                throw ConflictError(type, applied, conflicts);
            }

            foreach (var (owner, path) in conflicts)
            {
                owner.Fields.Remove(path);
            }
        }

        var merged = live is null ? applied.DeepClone().AsObject() : (JsonObject)ApplyMerge.Merge(type, live, applied, [])!;
        if (mine is not null)
        {
            RemoveAbandonedFields(merged, mine, appliedSet, entries);
        }
        else
        {
            mine = new ManagedFieldsEntry(manager, "Apply", type.ApiVersion, subresource, null, appliedSet);
            entries.Add(mine);
        }

        mine.Fields = appliedSet;
        mine.ApiVersion = type.ApiVersion;
        mine.Time = Now();
        if (merged["metadata"] is not JsonObject)
        {
            merged["metadata"] = new JsonObject();
        }

        ManagedFieldsEntry.WriteAll(merged, entries);
        return merged;
    }

    private static List<(ManagedFieldsEntry Owner, string[] Path)> FindConflicts(
        JsonObject live, JsonObject applied, FieldSet appliedSet, List<ManagedFieldsEntry> entries, ManagedFieldsEntry? mine)
    {
        var conflicts = new List<(ManagedFieldsEntry, string[])>();
        foreach (var path in appliedSet.LeafPaths())
        {
            var liveValue = ObjectFields.ValueAt(live, path, out var found);
            if (!found || JsonNode.DeepEquals(liveValue, ObjectFields.ValueAt(applied, path, out _)))
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry != mine && entry.Fields.Contains(path))
                {
                    conflicts.Add((entry, path));
                }
            }
        }

        return conflicts;
    }

    private static void RemoveAbandonedFields(JsonObject merged, ManagedFieldsEntry mine, FieldSet appliedSet, List<ManagedFieldsEntry> entries)
    {
        var others = entries.Where(e => e != mine).ToList();
        // Parents first: removing a list item takes its fields along (and its key fields must still be
        // there to find it); a later child path then simply finds nothing.
        var abandoned = mine.Fields.Paths().Where(p => !appliedSet.Contains(p)).OrderBy(p => p.Length).ToList();
        foreach (var path in abandoned)
        {
            // A field (or item) stays while any other manager owns it or anything beneath it.
            if (others.Any(o => o.Fields.Find(path) is { } node && !node.IsEmpty) || appliedSet.Find(path) is { IsEmpty: false })
            {
                continue;
            }

            if (ObjectFields.RemoveAt(merged, path))
            {
                RemoveEmptyParents(merged, path, others, appliedSet);
            }
        }
    }

    private static void RemoveEmptyParents(JsonObject merged, string[] path, List<ManagedFieldsEntry> others, FieldSet appliedSet)
    {
        for (var length = path.Length - 1; length > 0; length--)
        {
            var parentPath = path[..length];
            if (!parentPath[^1].StartsWith("f:", StringComparison.Ordinal)
                || ObjectFields.ValueAt(merged, parentPath, out _) is not JsonObject { Count: 0 }
                || appliedSet.Find(parentPath) is { IsEmpty: false }
                || others.Any(o => o.Fields.Find(parentPath) is { IsEmpty: false }))
            {
                return;
            }

            ObjectFields.RemoveAt(merged, parentPath);
        }
    }

    private static ApiException ConflictError(ResourceType type, JsonObject applied, List<(ManagedFieldsEntry Owner, string[] Path)> conflicts)
    {
        var name = applied["metadata"]?["name"]?.GetValue<string>() ?? "";
        string detail;
        if (conflicts.Count == 1)
        {
            detail = $"conflict with {conflicts[0].Owner.Describe()}: {ObjectFields.Format(conflicts[0].Path)}";
        }
        else
        {
            var byManager = conflicts.GroupBy(c => c.Owner.Describe()).ToList();
            detail = byManager.Count == 1
                ? $"conflicts with {byManager[0].Key}:" + string.Concat(byManager[0].Select(c => "\n- " + ObjectFields.Format(c.Path)))
                : "conflicts with" + string.Concat(byManager.Select(g => $"\n{g.Key}:" + string.Concat(g.Select(c => "\n- " + ObjectFields.Format(c.Path)))));
        }

        var plural = conflicts.Count == 1 ? "" : "s";
        var causes = new JsonArray(conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with {c.Owner.Describe()}",
            ["field"] = ObjectFields.Format(c.Path),
        }).ToArray());
        return ApiErrors.Conflict(type, name, $"Apply failed with {conflicts.Count} conflict{plural}: {detail}", causes);
    }

    private string Now() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
