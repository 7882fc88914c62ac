using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homelab.Applications.ApplicationSets.Templates;

/// <summary>
/// Renders an ApplicationSet's <c>spec.template</c> for one parameter set: every string in it (values and map
/// keys, metadata and spec alike) goes through the Go template engine (<c>goTemplate: true</c>) or the flat
/// <c>{{name}}</c> substitution. Non-string values are kept as written.
/// </summary>
public sealed class ApplicationTemplateRenderer(bool goTemplate, GoTemplateOptions options)
{
    /// <summary>A rendered copy of <paramref name="template"/>; the original is not changed.</summary>
    /// <exception cref="TemplateException">A field failed to render; the message starts with its path.</exception>
    public JsonObject Render(JsonObject template, IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameters);
        var flat = goTemplate ? null : parameters.Where(p => p.Value is string).ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
        return (JsonObject)RenderNode(template, parameters, flat, "spec.template")!;
    }

    private JsonNode? RenderNode(JsonNode? node, IReadOnlyDictionary<string, object?> parameters, Dictionary<string, string>? flat, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                var rendered = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var childPath = $"{path}.{key}";
                    rendered[RenderString(key, parameters, flat, childPath)] = RenderNode(value, parameters, flat, childPath);
                }

                return rendered;
            case JsonArray array:
                return new JsonArray([.. array.Select((item, i) => RenderNode(item, parameters, flat, $"{path}[{i}]"))]);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(RenderString(value.GetValue<string>(), parameters, flat, path));
            default:
                return node?.DeepClone();
        }
    }

    private string RenderString(string text, IReadOnlyDictionary<string, object?> parameters, Dictionary<string, string>? flat, string path)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }

        if (flat is not null)
        {
            return FlatTemplate.Render(text, flat);
        }

        try
        {
            return GoTemplate.Render(text, parameters, options);
        }
        catch (TemplateException e)
        {
            throw new TemplateException($"{path}: {e.Message}");
        }
    }
}
