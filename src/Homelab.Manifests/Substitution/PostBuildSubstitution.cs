using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Manifests.Substitution;

/// <summary>
/// Flux's <c>postBuild</c> variable substitution. As in Flux, it runs on each object's serialized
/// YAML text and the result is read back, so <c>replicas: ${REPLICAS}</c> becomes a number while
/// <c>"${REPLICAS}"</c> stays a string, and a value that breaks the YAML is an error naming the object.
/// </summary>
public static class PostBuildSubstitution
{
    public const string DisableKey = "kustomize.toolkit.fluxcd.io/substitute";
    public const string DisabledValue = "disabled";

    /// <summary>
    /// Substitutes <paramref name="variables"/> into every object not labelled or annotated
    /// <c>kustomize.toolkit.fluxcd.io/substitute: disabled</c>. Undefined variables without a default
    /// become empty, or are an error in <paramref name="strict"/> mode. Returns new objects; the input is untouched.
    /// </summary>
    public static IReadOnlyList<KubeObject> Apply(IReadOnlyList<KubeObject> objects, IReadOnlyDictionary<string, string> variables, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(variables);
        foreach (var name in variables.Keys.Where(n => !VariableName.IsValid(n)))
        {
            throw new ManifestException($"'{name}' is not a valid substitution variable name (must match {VariableName.Pattern})");
        }

        var expander = new VariableExpander(variables, strict);
        return objects.Select(o => Substitute(o, expander)).ToList();
    }

    private static KubeObject Substitute(KubeObject obj, VariableExpander expander)
    {
        if (obj.GetLabel(DisableKey) == DisabledValue || obj.GetAnnotation(DisableKey) == DisabledValue)
        {
            return obj.DeepClone();
        }

        var text = YamlWriter.Write([obj]);
        string substituted;
        try
        {
            substituted = expander.Expand(text);
        }
        catch (SubstitutionError e)
        {
            throw new ManifestException($"{obj.Id}: {e.Message}", obj.Source);
        }

        if (ReferenceEquals(substituted, text) || substituted == text)
        {
            return obj.DeepClone();
        }

        IReadOnlyList<KubeObject> parsed;
        try
        {
            parsed = YamlReader.ReadObjects(substituted, obj.Source?.File ?? obj.Id.ToString());
        }
        catch (ManifestException e)
        {
            throw new ManifestException($"{obj.Id}: the object is not valid after substitution: {e.Reason}", obj.Source, e);
        }

        return parsed.Count == 1
            ? new KubeObject(parsed[0].Body, obj.Source)
            : throw new ManifestException($"{obj.Id}: substitution turned one object into {parsed.Count}", obj.Source);
    }
}
