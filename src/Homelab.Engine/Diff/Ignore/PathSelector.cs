using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.Engine.Diff.Paths;

namespace Homelab.Engine.Diff.Ignore;

/// <summary>A compiled JSON pointer or jq path: evaluated against a document, it yields the concrete paths it selects.</summary>
internal sealed class PathSelector(IReadOnlyList<SelectorStep> steps)
{
    public IReadOnlyList<SelectorStep> Steps { get; } = steps;

    public List<IReadOnlyList<PathToken>> Select(JsonNode document)
    {
        var found = new List<IReadOnlyList<PathToken>>();
        Walk(document, 0, [], found);
        return found;
    }

    private void Walk(JsonNode? node, int stepIndex, List<PathToken> path, List<IReadOnlyList<PathToken>> found)
    {
        if (node is null)
        {
            return;
        }

        if (stepIndex == Steps.Count)
        {
            if (path.Count > 0)
            {
                found.Add([.. path]);
            }

            return;
        }

        switch (Steps[stepIndex])
        {
            case MemberStep member when node is JsonObject obj:
                Descend(obj[member.Name], PathToken.Key(member.Name), stepIndex, path, found);
                break;
            case MemberStep member when node is JsonArray array
                && int.TryParse(member.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count:
                Descend(array[i], PathToken.At(i), stepIndex, path, found);
                break;
            case IndexStep index when node is JsonArray array && index.Index < array.Count:
                Descend(array[index.Index], PathToken.At(index.Index), stepIndex, path, found);
                break;
            case EachStep when node is JsonArray array:
                for (var e = 0; e < array.Count; e++)
                {
                    Descend(array[e], PathToken.At(e), stepIndex, path, found);
                }

                break;
            case SelectStep select when Matches(node, select):
                Walk(node, stepIndex + 1, path, found);
                break;
            default:
                break;
        }
    }

    private void Descend(JsonNode? child, PathToken token, int stepIndex, List<PathToken> path, List<IReadOnlyList<PathToken>> found)
    {
        path.Add(token);
        Walk(child, stepIndex + 1, path, found);
        path.RemoveAt(path.Count - 1);
    }

    private static bool Matches(JsonNode node, SelectStep select)
    {
        JsonNode? value = node;
        foreach (var field in select.Field)
        {
            value = (value as JsonObject)?[field];
        }

        return select.Value is null ? value is null : value is not null && JsonNode.DeepEquals(value, select.Value);
    }
}
