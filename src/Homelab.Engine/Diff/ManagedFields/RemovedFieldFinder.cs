using System.Text.Json.Nodes;
using Homelab.Engine.Diff.Paths;

namespace Homelab.Engine.Diff.ManagedFields;

/// <summary>
/// Fields our manager owns in live that desired no longer sets: what a line deleted from Git looks
/// like. Reports the outermost field we own as a whole (a removed container, not each of its fields);
/// a map we only partly own (annotations) is reported key by key. Fields other managers own are never considered.
/// </summary>
internal static class RemovedFieldFinder
{
    public static List<IReadOnlyList<PathToken>> Find(IEnumerable<FieldSet> owned, JsonNode live, JsonNode desired)
    {
        var result = new List<IReadOnlyList<PathToken>>();
        foreach (var set in owned)
        {
            Walk(set, live, desired, [], result);
        }

        return result.DistinctBy(JsonPointer.Format).ToList();
    }

    private static void Walk(FieldSet set, JsonNode? live, JsonNode? desired, List<PathToken> path, List<IReadOnlyList<PathToken>> result)
    {
        foreach (var (step, child) in set.Children)
        {
            if (FieldSetResolver.Resolve(live, step) is not { } liveToken)
            {
                continue;
            }

            var desiredToken = FieldSetResolver.Resolve(desired, step);
            var desiredChild = desiredToken is { } t ? NodePaths.Step(desired, t) : null;
            path.Add(liveToken);
            if (desiredChild is null && child.OwnsSelf)
            {
                result.Add([.. path]);
            }
            else if (!child.IsLeaf)
            {
                Walk(child, NodePaths.Step(live, liveToken), desiredChild, path, result);
            }

            path.RemoveAt(path.Count - 1);
        }
    }
}
