using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Homelab.Manifests.Yaml;

/// <summary>One parsed YAML document: its JSON value, where its content starts, and where its list items start.</summary>
internal sealed record YamlDocument(JsonNode? Root, int Line, IReadOnlyList<int> ItemLines);

/// <summary>
/// Turns YamlDotNet parser events into JSON trees with Kubernetes meaning: scalar resolution,
/// merge keys, bounded alias expansion, duplicate-key detection and key stringification.
/// </summary>
internal sealed class YamlTreeBuilder(IParser parser, string fileName, YamlLimits limits)
{
    private readonly Dictionary<string, (JsonNode? Node, long Size)> _anchors = new(StringComparer.Ordinal);
    private long _aliasNodes;
    private List<int>? _itemLines;
    private long _line = 1;

    /// <summary>Reads the next document, or returns false at the end of the stream.</summary>
    public bool TryReadDocument(out YamlDocument document)
    {
        document = null!;
        parser.TryConsume<StreamStart>(out _);
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return false;
        }

        try
        {
            var start = parser.Consume<DocumentStart>();
            _anchors.Clear();
            _itemLines = [];
            var line = parser.Current is { } first ? first.Start.Line : start.Start.Line;
            var (root, _) = ReadNode(depth: 0);
            parser.Consume<DocumentEnd>();
            document = new YamlDocument(root, (int)line, _itemLines);
            return true;
        }
        catch (Exception e) when (e is not YamlException && e.Source == typeof(IParser).Assembly.GetName().Name)
        {
            // YamlDotNet's scanner sometimes fails on malformed flow collections with a bare
            // InvalidOperationException instead of a YamlException; report it like any other syntax error.
            throw new ManifestException("invalid YAML: unbalanced brackets, braces or quotes near here", new SourceLocation(fileName, (int)_line), e);
        }
    }

    private ManifestException Error(Mark at, string message) => new(message, new SourceLocation(fileName, (int)at.Line));

    private (JsonNode? Node, long Size) ReadNode(int depth, bool collectItemLines = false)
    {
        if (depth > limits.MaxDepth)
        {
            throw Error(parser.Current!.Start, $"nesting deeper than {limits.MaxDepth} levels");
        }

        var current = parser.Current ?? throw new ManifestException("unexpected end of YAML", new SourceLocation(fileName, (int)_line));
        _line = current.Start.Line;
        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return Expand(alias);
            case Scalar scalar:
                parser.MoveNext();
                return Remember(scalar.Anchor, (ResolveScalar(scalar), 1));
            case SequenceStart sequence:
                parser.MoveNext();
                return Remember(sequence.Anchor, ReadSequence(depth, collectItemLines));
            case MappingStart mapping:
                parser.MoveNext();
                return Remember(mapping.Anchor, ReadMapping(depth));
            default:
                throw Error(current.Start, $"unexpected YAML event {current.GetType().Name}");
        }
    }

    private (JsonNode? Node, long Size) Remember(AnchorName anchor, (JsonNode? Node, long Size) value)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = value;
        }

        return value;
    }

    private (JsonNode? Node, long Size) Expand(AnchorAlias alias)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            throw Error(alias.Start, $"unknown anchor '{alias.Value.Value}' referenced");
        }

        // Check before copying: the copy itself is what a billion-laughs document uses to explode.
        _aliasNodes += anchored.Size;
        if (_aliasNodes > limits.MaxAliasExpandedNodes)
        {
            throw Error(alias.Start, $"alias expansion exceeds {limits.MaxAliasExpandedNodes} nodes (a 'billion laughs' document?)");
        }

        return (anchored.Node?.DeepClone(), anchored.Size);
    }

    private (JsonNode? Node, long Size) ReadSequence(int depth, bool collectItemLines)
    {
        var array = new JsonArray();
        long size = 1;
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            var line = parser.Current!.Start.Line;
            var (item, itemSize) = ReadNode(depth + 1);
            array.Add(item);
            size += itemSize;
            if (collectItemLines)
            {
                _itemLines!.Add((int)line);
            }
        }

        return (array, size);
    }

    private (JsonNode? Node, long Size) ReadMapping(int depth)
    {
        var entries = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var order = new List<string>();
        var fromMerge = new HashSet<string>(StringComparer.Ordinal);
        long size = 1;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current!;
            if (IsMergeKey(keyEvent))
            {
                parser.MoveNext();
                var (source, sourceSize) = ReadNode(depth + 1);
                size += sourceSize;
                Merge(keyEvent.Start, source, entries, order, fromMerge);
                continue;
            }

            var key = ReadKey(depth);
            // The items of a top-level List keep their own lines, so errors can point at the item.
            var (value, valueSize) = ReadNode(depth + 1, collectItemLines: depth == 0 && key == "items");
            size += valueSize;
            if (entries.ContainsKey(key))
            {
                // Deliberately stricter than kubectl, which silently keeps the last value: kustomize (so Flux
                // and Argo's kustomize sources) rejects duplicates, and a silent overwrite hides mistakes.
                if (!fromMerge.Remove(key))
                {
                    throw Error(keyEvent.Start, $"duplicate mapping key '{key}'");
                }
            }
            else
            {
                order.Add(key);
            }

            entries[key] = value;
        }

        var result = new JsonObject();
        foreach (var key in order)
        {
            result[key] = entries[key];
        }

        return (result, size);
    }

    /// <summary>
    /// <c>&lt;&lt;: *base</c> or <c>&lt;&lt;: [*a, *b]</c>, with go-yaml v2's (so kubectl's) meaning: a merge
    /// assigns its keys at the point it appears, over keys written before it; keys written after it
    /// override it; in a list of mappings the earlier ones win.
    /// </summary>
    private void Merge(Mark at, JsonNode? source, Dictionary<string, JsonNode?> entries, List<string> order, HashSet<string> fromMerge)
    {
        var sources = source switch
        {
            JsonObject single => [single],
            JsonArray many when many.All(m => m is JsonObject) => many.Cast<JsonObject>().ToList(),
            _ => throw Error(at, "a merge key '<<' needs a mapping or a sequence of mappings"),
        };
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            foreach (var (key, value) in sources[i])
            {
                if (!entries.ContainsKey(key))
                {
                    order.Add(key);
                }

                entries[key] = value?.DeepClone();
                fromMerge.Add(key);
            }
        }
    }

    private static bool IsMergeKey(ParsingEvent key) =>
        key is Scalar { Value: "<<", Style: ScalarStyle.Plain } scalar
        && (scalar.Tag.IsEmpty || scalar.Tag.Value == ScalarResolver.MergeTag);

    /// <summary>Mapping keys become strings as sigs.k8s.io/yaml does: <c>1: x</c> is key "1", <c>on: x</c> is "true".</summary>
    private string ReadKey(int depth)
    {
        var at = parser.Current!.Start;
        if (parser.Current is Scalar { Style: ScalarStyle.Plain } plain && plain.Tag.IsEmpty)
        {
            parser.MoveNext();
            try
            {
                var key = ScalarResolver.ResolvePlainKey(plain.Value);
                Remember(plain.Anchor, (JsonValue.Create(key), 1));
                return key;
            }
            catch (FormatException e)
            {
                throw Error(at, e.Message);
            }
        }

        var (node, _) = ReadNode(depth + 1);
        return node switch
        {
            null => throw Error(at, "a null mapping key is not supported"),
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            JsonValue value when value.TryGetValue<bool>(out var b) => b ? "true" : "false",
            JsonValue value when value.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
            JsonValue value when value.TryGetValue<double>(out var d) => ScalarResolver.ResolvePlainKey(d.ToString("R", CultureInfo.InvariantCulture)),
            _ => throw Error(at, "a mapping or sequence cannot be a mapping key"),
        };
    }

    private JsonNode? ResolveScalar(Scalar scalar)
    {
        try
        {
            if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
            {
                return ScalarResolver.ResolveTagged(scalar.Tag.Value, scalar.Value);
            }

            return scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty
                ? ScalarResolver.ResolvePlain(scalar.Value)
                : JsonValue.Create(scalar.Value);
        }
        catch (FormatException e)
        {
            throw Error(scalar.Start, e.Message);
        }
    }
}
