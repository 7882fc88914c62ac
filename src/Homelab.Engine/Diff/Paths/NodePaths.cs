using System.Text.Json.Nodes;

namespace Homelab.Engine.Diff.Paths;

/// <summary>Resolving and removing concrete paths inside a JSON tree.</summary>
internal static class NodePaths
{
    public static JsonNode? Resolve(JsonNode? root, IReadOnlyList<PathToken> path)
    {
        var node = root;
        foreach (var token in path)
        {
            node = Step(node, token);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public static JsonNode? Step(JsonNode? node, PathToken token) => node switch
    {
        JsonObject obj when !token.IsIndex => obj[token.Member!],
        JsonArray array when token.IsIndex && token.Index >= 0 && token.Index < array.Count => array[token.Index],
        _ => null,
    };

    /// <summary>
    /// Removes every path that still resolves. Deeper paths and higher array indices go first, so
    /// removing one element never shifts the index another path points at.
    /// </summary>
    public static void RemoveAll(JsonNode root, IEnumerable<IReadOnlyList<PathToken>> paths)
    {
        var ordered = paths.ToList();
        ordered.Sort((a, b) => -Compare(a, b));
        foreach (var path in ordered)
        {
            Remove(root, path);
        }
    }

    public static bool Remove(JsonNode root, IReadOnlyList<PathToken> path)
    {
        if (path.Count == 0)
        {
            return false;
        }

        var parent = Resolve(root, [.. path.Take(path.Count - 1)]);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj when !last.IsIndex:
                return obj.Remove(last.Member!);
            case JsonArray array when last.IsIndex && last.Index < array.Count:
                array.RemoveAt(last.Index);
                return true;
            default:
                return false;
        }
    }

    private static int Compare(IReadOnlyList<PathToken> a, IReadOnlyList<PathToken> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = (a[i].IsIndex, b[i].IsIndex) switch
            {
                (true, true) => a[i].Index.CompareTo(b[i].Index),
                (false, false) => string.CompareOrdinal(a[i].Member, b[i].Member),
                (true, false) => -1,
                (false, true) => 1,
            };
            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }
}
