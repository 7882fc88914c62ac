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
                    EmitString(emitter, key, isKey: true);
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

    private static void EmitString(IEmitter emitter, string text, bool isKey = false)
    {
        var style = !ScalarResolver.ReadsBackAsString(text) || NeedsQuotes(text) ? ScalarStyle.DoubleQuoted
            : text.Contains('\n', StringComparison.Ordinal) ? (isKey ? ScalarStyle.DoubleQuoted : ScalarStyle.Literal)
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    /// <summary>
    /// Strings YamlDotNet's emitter may put in a plain or block scalar that would not read back the same:
    /// leading or trailing blanks (dropped), tabs (a leading one is taken as separation), carriage returns
    /// (line breaks are normalised to '\n' in block scalars). Double quotes keep them exactly.
    /// </summary>
    private static bool NeedsQuotes(string text) =>
        text.Length > 0
        && (text[0] is ' ' or '\t' or '\n' || text[^1] is ' ' or '\t' || text.AsSpan().IndexOfAny('\t', '\r') >= 0);

    private static Scalar PlainScalar(string text) =>
        new(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: true);
}
