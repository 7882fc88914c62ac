using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Api.Specs;

/// <summary>
/// Typed reads of one JSON object in a spec, each recording a problem at the field's path instead of
/// throwing, so a reader finds all problems in one pass. A missing field and an explicit null read alike
/// (YAML's <c>values:</c> with only a comment under it is null).
/// </summary>
internal sealed class SpecFields(JsonObject? node, string path, ProblemLog log)
{
    public string Path { get; } = path;

    public ProblemLog Log { get; } = log;

    /// <summary>The object's <c>spec</c>; a missing spec reads as empty (so required fields are reported).</summary>
    public static SpecFields Spec(KubeObject obj, ProblemLog log)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var spec = obj.Get("spec");
        if (spec is not null and not JsonObject)
        {
            log.Invalid("spec", "must be an object");
        }

        return new SpecFields(spec as JsonObject, "spec", log);
    }

    public string PathOf(string key) => $"{Path}.{key}";

    public bool Has(string key) => node?[key] is not null;

    public void Invalid(string key, string message) => Log.Invalid(PathOf(key), message);

    public string? String(string key)
    {
        switch (node?[key])
        {
            case null:
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return value.GetValue<string>();
            default:
                Invalid(key, "must be a string");
                return null;
        }
    }

    public string RequiredString(string key)
    {
        var value = String(key);
        if (string.IsNullOrEmpty(value) && (node?[key] is null || value is not null))
        {
            Invalid(key, "is required");
        }

        return value ?? "";
    }

    /// <summary>A string that must be one of a fixed set (compared exactly, as the Go enums are).</summary>
    public string Enum(string key, IReadOnlyList<string> allowed, string fallback)
    {
        var value = String(key);
        if (value is null)
        {
            return fallback;
        }

        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            Invalid(key, $"'{value}' is not one of {string.Join(", ", allowed)}");
            return fallback;
        }

        return value;
    }

    public bool Bool(string key, bool fallback = false) => OptionalBool(key) ?? fallback;

    public bool? OptionalBool(string key)
    {
        switch (node?[key])
        {
            case null:
                return null;
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return value.GetValue<bool>();
            default:
                Invalid(key, "must be true or false");
                return null;
        }
    }

    public long? Integer(string key)
    {
        switch (node?[key])
        {
            case null:
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number):
                return number;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var real) && real == Math.Floor(real) && Math.Abs(real) < long.MaxValue:
                return (long)real;
            default:
                Invalid(key, "must be a whole number");
                return null;
        }
    }

    /// <summary>A Go duration string; a bare number is refused, as Flux and Argo CD do.</summary>
    public TimeSpan? Duration(string key)
    {
        var raw = node?[key];
        if (raw is null)
        {
            return null;
        }

        if (raw is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            Invalid(key, $"must be a duration string such as 30s, 5m or 1h (a bare number like {raw.ToJsonString()} has no unit)");
            return null;
        }

        if (!GoDuration.TryParse(value.GetValue<string>(), out var duration, out var error))
        {
            Invalid(key, error);
            return null;
        }

        if (duration.Value < TimeSpan.Zero)
        {
            Invalid(key, $"'{value.GetValue<string>()}' must not be negative");
            return null;
        }

        return duration.Value;
    }

    /// <summary>A required duration that must also be longer than zero (a reconcile interval).</summary>
    public TimeSpan RequiredPositiveDuration(string key)
    {
        if (!Has(key))
        {
            Invalid(key, "is required");
            return TimeSpan.Zero;
        }

        var duration = Duration(key);
        if (duration == TimeSpan.Zero)
        {
            Invalid(key, "must be greater than zero");
        }

        return duration ?? TimeSpan.Zero;
    }

    public SpecFields? Object(string key)
    {
        switch (node?[key])
        {
            case null:
                return null;
            case JsonObject obj:
                return new SpecFields(obj, PathOf(key), Log);
            default:
                Invalid(key, "must be an object");
                return null;
        }
    }

    /// <summary>A required object; when missing it is reported and an empty one is read instead, so its own required fields are not reported twice.</summary>
    public SpecFields RequiredObject(string key)
    {
        if (Object(key) is { } obj)
        {
            return obj;
        }

        if (!Has(key))
        {
            Invalid(key, "is required");
        }

        return new SpecFields(new JsonObject(), PathOf(key), new ProblemLog());
    }

    public IReadOnlyList<SpecFields> Objects(string key)
    {
        if (Array(key) is not { } array)
        {
            return [];
        }

        var result = new List<SpecFields>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject obj)
            {
                result.Add(new SpecFields(obj, $"{PathOf(key)}[{i}]", Log));
            }
            else
            {
                Log.Invalid($"{PathOf(key)}[{i}]", "must be an object");
            }
        }

        return result;
    }

    public IReadOnlyList<string> Strings(string key)
    {
        if (Array(key) is not { } array)
        {
            return [];
        }

        var result = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                result.Add(value.GetValue<string>());
            }
            else
            {
                Log.Invalid($"{PathOf(key)}[{i}]", "must be a string");
            }
        }

        return result;
    }

    /// <summary>A map of strings (labels, substitution variables). Numbers and booleans are refused: YAML turned them into non-strings and Kubernetes would too.</summary>
    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        if (Object(key) is not { } map || map.Node is null)
        {
            return new Dictionary<string, string>();
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, raw) in map.Node)
        {
            if (raw is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                result[name] = value.GetValue<string>();
            }
            else
            {
                map.Invalid(name, "must be a string (quote it in YAML)");
            }
        }

        return result;
    }

    /// <summary>A detached copy of a free-form object (Helm values, a template), so the spec does not change with the source object.</summary>
    public JsonObject? RawObject(string key)
    {
        var obj = Object(key);
        return obj?.Node?.DeepClone() as JsonObject;
    }

    /// <summary>Reports a field Homelab understands but does not honour yet, when the user set it.</summary>
    public void Unsupported(string key, string message)
    {
        if (Has(key))
        {
            Log.Unsupported(PathOf(key), message);
        }
    }

    /// <summary>Reports every field not in <paramref name="known"/> as unsupported: a typo or a newer field is never silently ignored.</summary>
    public void OnlyKnown(params IReadOnlyList<string> known)
    {
        if (node is null)
        {
            return;
        }

        foreach (var (name, _) in node)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                Log.Unsupported(PathOf(name), "is not a field Homelab knows; it is ignored");
            }
        }
    }

    /// <summary>A detached copy of this whole object.</summary>
    public JsonObject Self() => node?.DeepClone() as JsonObject ?? [];

    private JsonObject? Node => node;

    private JsonArray? Array(string key)
    {
        switch (node?[key])
        {
            case null:
                return null;
            case JsonArray array:
                return array;
            default:
                Invalid(key, "must be a list");
                return null;
        }
    }
}
