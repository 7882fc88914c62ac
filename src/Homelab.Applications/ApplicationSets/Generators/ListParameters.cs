using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.Api.Argo;
using Homelab.Applications.ApplicationSets.Templates;

namespace Homelab.Applications.ApplicationSets.Generators;

/// <summary>
/// The list generator: each element is one parameter set, its keys the parameter names. With Go templates
/// the values keep their types and nesting; in the flat form they must be strings (as in Argo), except
/// <c>values</c>, a map exposed as <c>values.&lt;key&gt;</c>.
/// </summary>
public static class ListParameters
{
    public static IReadOnlyList<Dictionary<string, object?>> Generate(ListGenerator generator, bool goTemplate)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return [.. generator.Elements.Select((element, index) => goTemplate
            ? new Dictionary<string, object?>((IReadOnlyDictionary<string, object?>)GoValues.FromJson(element)!, StringComparer.Ordinal)
            : Flat(element, index))];
    }

    private static Dictionary<string, object?> Flat(JsonObject element, int index)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in element)
        {
            if (key == "values" && value is JsonObject values)
            {
                foreach (var (name, item) in values)
                {
                    parameters["values." + name] = Text(item, index, $"values.{name}");
                }

                continue;
            }

            parameters[key] = Text(value, index, key);
        }

        return parameters;
    }

    private static string Text(JsonNode? value, int index, string key) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new GeneratorException($"list generator element {index}: '{key}' must be a string when goTemplate is false (quote it, or set goTemplate: true)");
}
