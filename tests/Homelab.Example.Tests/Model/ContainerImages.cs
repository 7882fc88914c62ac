using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Homelab.Manifests.Objects;

namespace Homelab.Example.Tests.Model;

/// <summary>Every container image an object runs: pod templates of workloads, and pod specs embedded in ConfigMaps.</summary>
public static partial class ContainerImages
{
    public static IEnumerable<string> Of(KubeObject obj)
    {
        var podSpec = obj.Kind switch
        {
            "Pod" => obj.Get("spec"),
            "CronJob" => obj.Get("spec", "jobTemplate", "spec", "template", "spec"),
            _ => obj.Get("spec", "template", "spec"),
        };
        foreach (var list in new[] { "initContainers", "containers", "ephemeralContainers" })
        {
            foreach (var container in podSpec?[list] as JsonArray ?? [])
            {
                yield return container?["image"]?.GetValue<string>() ?? "";
            }
        }

        // A helper pod spec kept as text (the local-path provisioner's helperPod.yaml) runs too.
        if (obj.Kind == "ConfigMap")
        {
            foreach (var value in (obj.Get("data") as JsonObject ?? []).Select(p => p.Value?.GetValue<string>() ?? ""))
            {
                foreach (Match match in ImageLine().Matches(value))
                {
                    yield return match.Groups[1].Value.Trim('"', '\'');
                }
            }
        }
    }

    /// <summary>Why the reference is not pinned to a tag or digest, or null when it is.</summary>
    public static string? Problem(string image)
    {
        if (image.Length == 0)
        {
            return "empty image";
        }

        if (image.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var colon = lastSegment.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return "no tag (means :latest)";
        }

        var tag = lastSegment[(colon + 1)..];
        return tag.Length == 0 ? "empty tag" : tag.Equals("latest", StringComparison.OrdinalIgnoreCase) ? ":latest" : null;
    }

    [GeneratedRegex(@"^\s*-?\s*image:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ImageLine();
}
