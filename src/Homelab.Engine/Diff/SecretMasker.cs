using System.Text.Json.Nodes;

namespace Homelab.Engine.Diff;

/// <summary>
/// Replaces every Secret value with a run of <c>+</c> signs before anything is printed: equal values
/// get equal masks and different values different masks (so a diff still shows *that* a value changed),
/// but a mask depends only on the order values were first seen, never on the value itself.
/// </summary>
internal sealed class SecretMasker
{
    private const int BaseLength = 8;
    private readonly Dictionary<string, string> _masks = new(StringComparer.Ordinal);

    public void Mask(JsonObject? body)
    {
        if (body is null)
        {
            return;
        }

        foreach (var section in new[] { "data", "stringData" })
        {
            if (body[section] is not JsonObject values)
            {
                continue;
            }

            foreach (var key in values.Select(p => p.Key).ToList())
            {
                var raw = values[key]?.ToJsonString() ?? "null";
                if (!_masks.TryGetValue(raw, out var mask))
                {
                    mask = new string('+', BaseLength + _masks.Count);
                    _masks[raw] = mask;
                }

                values[key] = mask;
            }
        }
    }

    public static bool IsSecretValuePath(string pointer) =>
        pointer.StartsWith("/data/", StringComparison.Ordinal) || pointer.StartsWith("/stringData/", StringComparison.Ordinal)
        || pointer is "/data" or "/stringData";
}
