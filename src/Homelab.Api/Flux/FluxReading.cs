using Homelab.Api.Specs;

namespace Homelab.Api.Flux;

/// <summary>Field shapes shared by the Flux kinds.</summary>
internal static class FluxReading
{
    public static SourceReference? SourceRef(SpecFields? fields, string ownNamespace, IReadOnlyList<string> kinds, IReadOnlyList<string> supportedKinds)
    {
        if (fields is null)
        {
            return null;
        }

        fields.OnlyKnown("apiVersion", "kind", "name", "namespace");
        var kind = fields.RequiredString("kind");
        if (kind.Length > 0 && !kinds.Contains(kind, StringComparer.Ordinal))
        {
            fields.Invalid("kind", $"'{kind}' is not one of {string.Join(", ", kinds)}");
        }
        else if (kind.Length > 0 && !supportedKinds.Contains(kind, StringComparer.Ordinal))
        {
            fields.Log.Unsupported(fields.PathOf("kind"), $"{kind} sources are not supported yet (supported: {string.Join(", ", supportedKinds)})");
        }

        return new SourceReference(kind, fields.RequiredString("name"), fields.String("namespace") is { Length: > 0 } ns ? ns : ownNamespace);
    }

    public static IReadOnlyList<DependencyReference> DependsOn(SpecFields spec, string ownNamespace) =>
        [.. spec.Objects("dependsOn").Select(d =>
        {
            d.OnlyKnown("name", "namespace");
            return new DependencyReference(d.RequiredString("name"), d.String("namespace") is { Length: > 0 } ns ? ns : ownNamespace);
        })];

    /// <summary>A <c>{name}</c> reference to a Secret in the object's namespace.</summary>
    public static string? SecretName(SpecFields spec, string key)
    {
        var reference = spec.Object(key);
        if (reference is null)
        {
            return null;
        }

        reference.OnlyKnown("name");
        return reference.RequiredString("name");
    }

    /// <summary>Flux sources accept http(s) and ssh URLs only.</summary>
    public static string Url(SpecFields spec, IReadOnlyList<string> schemes)
    {
        var url = spec.RequiredString("url");
        if (url.Length > 0 && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme, StringComparer.Ordinal)))
        {
            spec.Invalid("url", $"'{url}' must be an absolute URL with scheme {string.Join(", ", schemes)}");
        }

        return url;
    }
}
