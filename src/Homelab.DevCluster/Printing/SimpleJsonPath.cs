using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Homelab.DevCluster.Printing;

/// <summary>
/// The JSONPath subset printer columns use: <c>.a.b</c>, <c>.a[0]</c> and filters such as
/// <c>.status.conditions[?(@.type=="Ready")].status</c>. Anything else reads as empty.
/// </summary>
internal static partial class SimpleJsonPath
{
    public static JsonNode? Evaluate(JsonNode? root, string path)
    {
        var node = root;
        foreach (Match step in Step().Matches(path))
        {
            if (node is null)
            {
                return null;
            }

            if (step.Groups["field"].Success)
            {
                node = (node as JsonObject)?[step.Groups["field"].Value];
            }
            else if (step.Groups["index"].Success)
            {
                var array = node as JsonArray;
                var index = int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                node = array is not null && index < array.Count ? array[index] : null;
            }
            else if (step.Groups["key"].Success)
            {
                var key = step.Groups["key"].Value;
                var value = step.Groups["value"].Value;
                node = (node as JsonArray)?.FirstOrDefault(item => item?[key]?.ToString() == value);
            }
        }

        return node;
    }

    [GeneratedRegex("""\.(?<field>[A-Za-z0-9_\-]+)|\[(?<index>\d+)\]|\[\?\(@\.(?<key>[A-Za-z0-9_]+)\s*==\s*["'](?<value>[^"']*)["']\)\]""")]
    private static partial Regex Step();
}
