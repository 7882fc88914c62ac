using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Homelab.Manifests.Yaml;

/// <summary>
/// Writes objects as a <c>---</c>-separated YAML stream: block style, keys in stored order, and any
/// string quoted when it would otherwise read back as something else (<c>"on"</c>, <c>"0755"</c>,
/// <c>"1.0"</c>), so <see cref="YamlReader"/> reads back exactly what was written. Deterministic.
/// </summary>
public static class YamlWriter
{
    public static string Write(IEnumerable<KubeObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return Write(objects.Select(o => (JsonNode)o.Body));
    }

    /// <summary>Writes one YAML document per node.</summary>
    public static string Write(IEnumerable<JsonNode> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text, bestIndent: 2, bestWidth: int.MaxValue);
        emitter.Emit(new StreamStart());
        var first = true;
        foreach (var document in documents)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: first));
            EmitNode(emitter, document);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            first = false;
        }

        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void EmitNode(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(PlainScalar("null"));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    EmitNode(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
                foreach (var item in array)
                {
                    EmitNode(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                EmitValue(emitter, value);
                break;
        }
    }

    private static void EmitValue(IEmitter emitter, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                EmitString(emitter, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                emitter.Emit(PlainScalar("true"));
                break;
            case JsonValueKind.False:
                emitter.Emit(PlainScalar("false"));
                break;
            case JsonValueKind.Null:
                emitter.Emit(PlainScalar("null"));
                break;
            default:
                // Numbers keep their JSON spelling, which the reader resolves back to the same number.
                emitter.Emit(PlainScalar(value.ToJsonString()));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        var style = !ScalarResolver.ReadsBackAsString(text) ? ScalarStyle.DoubleQuoted
            : text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : NeedsQuotes(text) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    /// <summary>
    /// Leading or trailing blanks and tabs would be dropped from a plain scalar; YamlDotNet's emitter
    /// does not always notice (a leading tab), so such strings are quoted explicitly.
    /// </summary>
    private static bool NeedsQuotes(string text) =>
        text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\t', StringComparison.Ordinal));

    private static Scalar PlainScalar(string text) =>
        new(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: true);
}
