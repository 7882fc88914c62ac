using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.Engine.Diff.Paths;

namespace Homelab.Engine.Diff.ManagedFields;

/// <summary>Finds where a <see cref="FieldSetStep"/> points in a concrete document.</summary>
internal static class FieldSetResolver
{
    /// <summary>The concrete token for <paramref name="step"/> under <paramref name="node"/>, or null when absent.</summary>
    public static PathToken? Resolve(JsonNode? node, FieldSetStep step)
    {
        switch (step.Kind)
        {
            case FieldSetStepKind.Field:
                return node is JsonObject obj && obj[step.Field!] is not null ? PathToken.Key(step.Field!) : null;
            case FieldSetStepKind.Index:
                return node is JsonArray a && step.Index < a.Count ? PathToken.At(step.Index) : null;
            case FieldSetStepKind.Key when node is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject element && MatchesKey(element, step.Key!))
                    {
                        return PathToken.At(i);
                    }
                }

                return null;
            case FieldSetStepKind.Value when node is JsonArray set:
                for (var i = 0; i < set.Count; i++)
                {
                    if (ValueEquivalence.AreEquivalent(step.Value, set[i], quantityField: false))
                    {
                        return PathToken.At(i);
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Concrete paths, in <paramref name="document"/>, of every owned leaf of <paramref name="set"/> present there.</summary>
    public static List<IReadOnlyList<PathToken>> Leaves(FieldSet set, JsonNode document)
    {
        var result = new List<IReadOnlyList<PathToken>>();
        Collect(set, document, [], result);
        return result;
    }

    private static void Collect(FieldSet set, JsonNode? node, List<PathToken> path, List<IReadOnlyList<PathToken>> result)
    {
        foreach (var (step, child) in set.Children)
        {
            if (Resolve(node, step) is not { } token)
            {
                continue;
            }

            path.Add(token);
            if (child.IsLeaf)
            {
                result.Add([.. path]);
            }
            else
            {
                Collect(child, NodePaths.Step(node, token), path, result);
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private static bool MatchesKey(JsonObject element, JsonObject key)
    {
        foreach (var (field, expected) in key)
        {
            var actual = element[field];
            // The server defaults a port's protocol; a desired element that leaves it out still matches TCP.
            if (actual is null && field == "protocol" && expected is JsonValue p && p.GetValueKind() == JsonValueKind.String && p.GetValue<string>() == "TCP")
            {
                continue;
            }

            if (!ValueEquivalence.AreEquivalent(expected, actual, quantityField: false))
            {
                return false;
            }
        }

        return true;
    }
}
