using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Web.Live;

/// <summary>
/// What the UI shows of a live object: managedFields dropped (noise), and for a Secret every value of
/// <c>data</c>/<c>stringData</c> replaced by a fixed mask and the last-applied annotation (which carries the
/// values too) removed. The mask never depends on the value, so nothing about a secret leaks.
/// </summary>
internal static class SecretRedactor
{
    public const string Mask = "********";

    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    public static KubeObject ForDisplay(KubeObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var copy = live.DeepClone();
        copy.Metadata?.Remove("managedFields");
        if (copy.Kind == "Secret" && copy.Group.Length == 0)
        {
            copy.RemoveAnnotation(LastApplied);
            foreach (var section in new[] { "data", "stringData" })
            {
                if (copy.Body[section] is JsonObject values)
                {
                    foreach (var key in values.Select(p => p.Key).ToList())
                    {
                        values[key] = Mask;
                    }
                }
            }
        }

        return copy;
    }
}
