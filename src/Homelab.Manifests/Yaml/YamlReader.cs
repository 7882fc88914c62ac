using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Homelab.Manifests.Objects;
using YamlDotNet.Core;

namespace Homelab.Manifests.Yaml;

/// <summary>
/// Reads YAML (or JSON) manifests into Kubernetes objects with the meaning kubectl gives them.
/// Every failure is a <see cref="ManifestException"/> naming the file and, where known, the line.
/// </summary>
public static partial class YamlReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// All objects in a multi-document stream, in order. Empty and comment-only documents are skipped;
    /// <c>List</c> kinds (<c>v1/List</c>, <c>ConfigMapList</c>, ...) are flattened into their items.
    /// </summary>
    public static IReadOnlyList<KubeObject> ReadObjects(string text, string fileName, YamlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= YamlLimits.Default;
        var objects = new List<KubeObject>();
        var count = 0;
        foreach (var document in ReadDocuments(text, fileName, limits))
        {
            if (++count > limits.MaxDocuments)
            {
                throw new ManifestException($"more than {limits.MaxDocuments} YAML documents in one file", new SourceLocation(fileName, document.Line));
            }

            AddObjects(objects, document.Root, new SourceLocation(fileName, document.Line), document.ItemLines, fileName);
        }

        return objects;
    }

    /// <summary>Reads UTF-8 bytes (e.g. a file's content), rejecting binary and invalid UTF-8 with the line at fault.</summary>
    public static IReadOnlyList<KubeObject> ReadObjects(ReadOnlySpan<byte> utf8, string fileName, YamlLimits? limits = null) =>
        ReadObjects(Decode(utf8, fileName, limits ?? YamlLimits.Default), fileName, limits);

    /// <summary>
    /// A single YAML value (e.g. a Helm values file). Empty or comment-only input gives null;
    /// more than one document is an error.
    /// </summary>
    public static JsonNode? ReadNode(string text, string fileName, YamlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var documents = ReadDocuments(text, fileName, limits ?? YamlLimits.Default).Take(2).ToList();
        return documents.Count switch
        {
            0 => null,
            1 => documents[0].Root,
            _ => throw new ManifestException("expected a single YAML document", new SourceLocation(fileName, documents[1].Line)),
        };
    }

    /// <summary>Decodes UTF-8 strictly (a leading byte-order mark is dropped) and checks the size limit.</summary>
    public static string Decode(ReadOnlySpan<byte> utf8, string fileName, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        if (utf8.Length > limits.MaxFileBytes)
        {
            throw TooLarge(utf8.Length, fileName, limits);
        }

        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            var line = 1 + utf8[..Math.Clamp(e.Index, 0, utf8.Length)].Count((byte)'\n');
            throw new ManifestException("file is not valid UTF-8 text (binary?)", new SourceLocation(fileName, line));
        }
    }

    private static IEnumerable<YamlDocument> ReadDocuments(string text, string fileName, YamlLimits limits)
    {
        CheckText(text, fileName, limits);
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        var parser = new Parser(new StringReader(text));
        var builder = new YamlTreeBuilder(parser, fileName, limits);
        while (true)
        {
            YamlDocument document;
            try
            {
                if (!builder.TryReadDocument(out document))
                {
                    yield break;
                }
            }
            catch (YamlException e)
            {
                throw Malformed(e, text, fileName);
            }

            if (document.Root is not null)
            {
                yield return document;
            }
        }
    }

    private static void CheckText(string text, string fileName, YamlLimits limits)
    {
        // Cheap bound first: a char is at most 3 UTF-8 bytes.
        if ((long)text.Length * 3 > limits.MaxFileBytes && Encoding.UTF8.GetByteCount(text) > limits.MaxFileBytes)
        {
            throw TooLarge(Encoding.UTF8.GetByteCount(text), fileName, limits);
        }

        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            var line = 1 + text.AsSpan(0, nul).Count('\n');
            throw new ManifestException("file contains NUL bytes (binary?)", new SourceLocation(fileName, line));
        }
    }

    private static ManifestException TooLarge(long bytes, string fileName, YamlLimits limits) =>
        new($"file is {bytes} bytes, over the {limits.MaxFileBytes}-byte limit", new SourceLocation(fileName));

    private static ManifestException Malformed(YamlException e, string text, string fileName)
    {
        var lines = text.Split('\n');
        // An error at end of input (an unclosed bracket or quote) is reported on the last line with content.
        var lastLine = Array.FindLastIndex(lines, l => l.Trim().Length > 0) + 1;
        var line = (int)Math.Clamp(e.Start.Line, 1, Math.Max(1, lastLine));
        var reason = PositionPrefix().Replace(e.Message, "");

        // Tabs confuse the scanner into errors that rarely mention them; name the real cause and line.
        // YamlDotNet reports "invalid tab as indentation" at the start of the enclosing mapping, so then
        // the whole text is searched; otherwise only around the reported position.
        var mentionsTab = reason.Contains("tab", StringComparison.OrdinalIgnoreCase);
        var from = mentionsTab ? 1 : (int)Math.Max(1, e.Start.Line);
        var to = mentionsTab ? lines.Length : (int)Math.Min(lines.Length, Math.Max(e.End.Line, e.Start.Line) + 1);
        for (var i = from; i <= to; i++)
        {
            if (HasTabIndentation(lines[i - 1]))
            {
                line = i;
                reason = "tab character used for indentation (YAML allows only spaces)";
                break;
            }
        }

        return new ManifestException($"invalid YAML: {reason}", new SourceLocation(fileName, line), e);
    }

    private static bool HasTabIndentation(string line)
    {
        var indent = line[..^line.TrimStart(' ', '\t').Length];
        return indent.Contains('\t', StringComparison.Ordinal);
    }

    private static void AddObjects(List<KubeObject> objects, JsonNode? root, SourceLocation location, IReadOnlyList<int> itemLines, string fileName)
    {
        if (root is not JsonObject body)
        {
            throw new ManifestException($"a document must be a mapping (a Kubernetes object), not a {Describe(root)}", location);
        }

        var kind = body["kind"] is JsonValue k && k.TryGetValue<string>(out var s) ? s : null;
        if (kind is not null && kind.EndsWith("List", StringComparison.Ordinal) && body["items"] is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var itemLocation = new SourceLocation(fileName, i < itemLines.Count ? itemLines[i] : location.Line);
                var item = items[i];
                items[i] = null;
                AddObjects(objects, item, itemLocation, [], fileName);
            }

            return;
        }

        objects.Add(new KubeObject(body, location));
    }

    private static string Describe(JsonNode? node) => node switch
    {
        JsonArray => "sequence",
        JsonValue value when value.TryGetValue<string>(out _) => "string",
        JsonValue => "scalar",
        _ => "null",
    };

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
