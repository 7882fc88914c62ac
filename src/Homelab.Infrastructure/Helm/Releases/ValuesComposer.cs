using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Homelab.Api.Flux;
using Homelab.Kubernetes.Client;
using Homelab.Manifests;
using Homelab.Manifests.Yaml;

namespace Homelab.Infrastructure.Helm.Releases;

/// <summary>
/// A HelmRelease's values, merged as Flux does: each <c>valuesFrom</c> entry in order (a whole YAML document, or one
/// value placed at <c>targetPath</c>), then the inline <c>values</c> last. Maps merge deeply; anything else replaces.
/// Secret contents never appear in an error message.
/// </summary>
public sealed class ValuesComposer(IClusterClient client)
{
    /// <exception cref="ValuesReferenceException">A referenced ConfigMap/Secret or key is missing (and not optional) or unreadable.</exception>
    public async Task<JsonObject> ComposeAsync(HelmReleaseSpec spec, string @namespace, CancellationToken cancellationToken)
    {
        var result = new JsonObject();
        foreach (var reference in spec.ValuesFrom)
        {
            var text = await ReadAsync(reference, @namespace, cancellationToken);
            if (text is null)
            {
                continue;
            }

            var what = $"{reference.Kind} '{@namespace}/{reference.Name}' key '{reference.ValuesKey}'";
            if (reference.TargetPath is { Length: > 0 } targetPath)
            {
                SetAtPath(result, targetPath, text, what);
                continue;
            }

            JsonNode? values;
            try
            {
                values = YamlReader.ReadNode(text, what);
            }
            catch (ManifestException)
            {
                // The YAML error would quote the content, which may be a secret.
                throw new ValuesReferenceException($"{what} is not valid YAML");
            }

            switch (values)
            {
                case null:
                    break;
                case JsonObject map:
                    Merge(result, map);
                    break;
                default:
                    throw new ValuesReferenceException($"{what} must hold a YAML mapping");
            }
        }

        if (spec.Values is { } inline)
        {
            Merge(result, (JsonObject)inline.DeepClone());
        }

        return result;
    }

    private async Task<string?> ReadAsync(ValuesReference reference, string @namespace, CancellationToken cancellationToken)
    {
        var obj = await client.TryGetAsync(new ObjectReference("v1", reference.Kind, @namespace, reference.Name), cancellationToken);
        if (obj is null)
        {
            return reference.Optional ? null : throw new ValuesReferenceException($"could not resolve {reference.Kind} chart values reference '{@namespace}/{reference.Name}': not found");
        }

        if (reference.Kind == "Secret")
        {
            if (obj.GetString("data", reference.ValuesKey) is { } encoded)
            {
                try
                {
                    return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                }
                catch (FormatException)
                {
                    throw new ValuesReferenceException($"Secret '{@namespace}/{reference.Name}' key '{reference.ValuesKey}' is not valid base64");
                }
            }
        }
        else if ((obj.GetString("data", reference.ValuesKey)) is { } text)
        {
            return text;
        }

        return reference.Optional ? null : throw new ValuesReferenceException($"could not resolve {reference.Kind} chart values reference '{@namespace}/{reference.Name}' with key '{reference.ValuesKey}'");
    }

    /// <summary>Deep merge: <paramref name="overlay"/>'s maps merge into <paramref name="target"/>'s; other values replace.</summary>
    public static void Merge(JsonObject target, JsonObject overlay)
    {
        foreach (var (key, value) in overlay.ToList())
        {
            overlay.Remove(key);
            if (value is JsonObject map && target[key] is JsonObject existing)
            {
                Merge(existing, map);
            }
            else
            {
                target[key] = value;
            }
        }
    }

    /// <summary>
    /// <c>targetPath</c> is a dotted path as in <c>helm --set</c> (<c>a.b.c</c>, <c>\.</c> escapes a dot); the value is
    /// typed as <c>--set</c> types it (true/false, integers, else a string).
    /// </summary>
    private static void SetAtPath(JsonObject root, string path, string value, string what)
    {
        var parts = SplitPath(path);
        if (parts.Count == 0 || parts.Any(p => p.Length == 0))
        {
            throw new ValuesReferenceException($"{what}: invalid targetPath '{path}'");
        }

        var current = root;
        foreach (var part in parts[..^1])
        {
            if (current[part] is not JsonObject next)
            {
                next = new JsonObject();
                current[part] = next;
            }

            current = next;
        }

        current[parts[^1]] = Typed(value.TrimEnd('\n'));
    }

    private static JsonNode Typed(string value) =>
        value switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when (value == "0" || !value.StartsWith('0')) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };

    private static List<string> SplitPath(string path)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length && path[i + 1] == '.')
            {
                current.Append('.');
                i++;
            }
            else if (path[i] == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(path[i]);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }
}

/// <summary>A values reference could not be resolved (Flux's InitFailed); the message never holds secret data.</summary>
public sealed class ValuesReferenceException(string message) : Exception(message);
