using System.Text.Json.Nodes;

namespace Homelab.DevCluster.Apply;

/// <summary>
/// A set of field paths, stored as a trie of fieldsV1 tokens (<c>f:name</c>, <c>k:{…}</c>, <c>v:…</c>,
/// <c>i:n</c>). A node is a member when the path to it is in the set; <c>"."</c> in fieldsV1 marks a
/// member that also has members below it.
/// </summary>
internal sealed class FieldSet
{
    private readonly SortedDictionary<string, FieldSet> _children = new(StringComparer.Ordinal);

    public bool Member { get; set; }

    public IReadOnlyDictionary<string, FieldSet> Children => _children;

    public bool IsEmpty => !Member && _children.Count == 0;

    public FieldSet Child(string token)
    {
        if (!_children.TryGetValue(token, out var child))
        {
            child = new FieldSet();
            _children[token] = child;
        }

        return child;
    }

    public FieldSet? Find(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var token in path)
        {
            if (!node._children.TryGetValue(token, out node))
            {
                return null;
            }
        }

        return node;
    }

    public bool Contains(IReadOnlyList<string> path) => Find(path)?.Member ?? false;

    /// <summary>Every member path, parents before children.</summary>
    public IEnumerable<string[]> Paths()
    {
        var stack = new Stack<(FieldSet Node, string[] Path)>();
        stack.Push((this, []));
        while (stack.Count > 0)
        {
            var (node, path) = stack.Pop();
            if (node.Member && path.Length > 0)
            {
                yield return path;
            }

            foreach (var (token, child) in node._children.Reverse())
            {
                stack.Push((child, [.. path, token]));
            }
        }
    }

    /// <summary>Member paths with no members below them: the ones that hold values.</summary>
    public IEnumerable<string[]> LeafPaths() => Paths().Where(p => Find(p)!._children.Count == 0);

    public void Add(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var token in path)
        {
            node = node.Child(token);
        }

        node.Member = true;
    }

    public void Remove(IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return;
        }

        var parent = Find(path.Take(path.Count - 1).ToList());
        if (parent is null || !parent._children.TryGetValue(path[^1], out var node))
        {
            return;
        }

        node.Member = false;
        if (node._children.Count == 0)
        {
            parent._children.Remove(path[^1]);
        }
    }

    /// <summary>Drops intermediate nodes left without members.</summary>
    public void Prune()
    {
        foreach (var (token, child) in _children.ToList())
        {
            child.Prune();
            if (child.IsEmpty)
            {
                _children.Remove(token);
            }
        }
    }

    public JsonObject ToFieldsV1()
    {
        var result = new JsonObject();
        if (Member && _children.Count > 0)
        {
            result["."] = new JsonObject();
        }

        foreach (var (token, child) in _children)
        {
            result[token] = child.ToFieldsV1();
        }

        return result;
    }

    public static FieldSet FromFieldsV1(JsonObject? fields)
    {
        var set = new FieldSet();
        if (fields is null)
        {
            return set;
        }

        foreach (var (token, value) in fields)
        {
            if (token == ".")
            {
                set.Member = true;
                continue;
            }

            var child = FromFieldsV1(value as JsonObject);
            if (value is not JsonObject { Count: > 0 })
            {
                child.Member = true;
            }

            set._children[token] = child;
        }

        return set;
    }
}
