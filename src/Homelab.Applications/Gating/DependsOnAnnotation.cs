using Homelab.Manifests.Objects;

namespace Homelab.Applications.Gating;

/// <summary>
/// <c>homelab.dev/depends-on: &lt;namespace&gt;/&lt;kustomization&gt;[,…]</c>: the Kustomizations an Application
/// waits for instead of the whole infrastructure layer. A bare name means <c>flux-system</c>, as the flux CLI assumes.
/// </summary>
public static class DependsOnAnnotation
{
    public const string Key = "homelab.dev/depends-on";

    public const string DefaultNamespace = "flux-system";

    /// <summary>The named Kustomizations as (namespace, name), in order, without duplicates; empty: the whole layer.</summary>
    public static IReadOnlyList<(string Namespace, string Name)> Read(KubeObject application)
    {
        var value = application.GetAnnotation(Key);
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split('/', 2) is [var ns, var name] ? (ns, name) : (DefaultNamespace, entry))
            .Distinct()
            .ToList();
    }
}
