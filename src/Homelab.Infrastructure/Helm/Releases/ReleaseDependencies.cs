using Homelab.Api.Flux;
using Homelab.Api.Status;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Helm.Releases;

/// <summary>
/// Flux's <c>dependsOn</c> rule for HelmReleases: every dependency exists, has observed its current generation
/// and is Ready=True. The first one that is not is named in the DependencyNotReady message.
/// </summary>
public sealed class ReleaseDependencies(IClusterClient client)
{
    public const string ApiVersion = "helm.toolkit.fluxcd.io/v2";

    /// <summary>Null when all dependencies are ready, else why not.</summary>
    public async Task<string?> FindNotReadyAsync(IReadOnlyList<DependencyReference> dependsOn, CancellationToken cancellationToken)
    {
        foreach (var dependency in dependsOn)
        {
            var obj = await client.TryGetAsync(new ObjectReference(ApiVersion, "HelmRelease", dependency.Namespace, dependency.Name), cancellationToken);
            if (obj is null)
            {
                return $"dependency '{dependency}' not found";
            }

            if (!IsReady(obj))
            {
                return $"dependency '{dependency}' is not ready";
            }
        }

        return null;
    }

    public static bool IsReady(KubeObject release)
    {
        var status = HelmReleaseStatus.Read(release);
        var generation = release.Get("metadata", "generation") is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<long>(out var g) ? g : 0;
        return status.ObservedGeneration >= generation && Conditions.Find(status.Conditions, ConditionTypes.Ready)?.IsTrue == true;
    }
}
