using Homelab.Api.Flux;
using Homelab.Kubernetes.Caching;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary>
/// Flux's dependency rule, read from the watch cache (no API calls): a dependency is ready when it exists,
/// its status reflects its current generation, it is Ready=True, and — when it reads the same source — it
/// has applied the revision this Kustomization is about to apply. A cycle is reported with its path.
/// </summary>
internal sealed class DependencyGate(ClusterCache cache)
{
    public DependencyVerdict Check(KubeObject obj, KustomizationSpec spec, string revision)
    {
        if (FindCycle(obj) is { } cycle)
        {
            return new DependencyVerdict(DependencyState.Cycle, $"dependency cycle: {string.Join(" → ", cycle)}");
        }

        foreach (var dependency in spec.DependsOn)
        {
            var name = $"{dependency.Namespace}/{dependency.Name}";
            var live = cache.Get(KustomizationKind.Id(dependency.Namespace, dependency.Name));
            if (live is null)
            {
                return new DependencyVerdict(DependencyState.NotReady, $"dependency '{name}' not found");
            }

            var status = KustomizationStatus.Read(live);
            if (live.Generation() != status.ObservedGeneration || !status.IsReady)
            {
                return new DependencyVerdict(DependencyState.NotReady, $"dependency '{name}' is not ready");
            }

            if (KustomizationReader.Read(live).Spec.SourceRef == spec.SourceRef && status.LastAppliedRevision != revision)
            {
                return new DependencyVerdict(DependencyState.NotReady, $"dependency '{name}' revision is not up to date");
            }
        }

        return DependencyVerdict.Ready;
    }

    /// <summary>The path from this object back to itself through <c>dependsOn</c>, or null when there is none.</summary>
    private List<string>? FindCycle(KubeObject start)
    {
        var startKey = Key(start.Namespace ?? "default", start.Name);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string> { startKey };

        List<string>? Visit(KubeObject obj)
        {
            foreach (var dependency in KustomizationReader.Read(obj).Spec.DependsOn)
            {
                var key = Key(dependency.Namespace, dependency.Name);
                if (key == startKey)
                {
                    return [.. path, key];
                }

                if (!visited.Add(key) || cache.Get(KustomizationKind.Id(dependency.Namespace, dependency.Name)) is not { } next)
                {
                    continue;
                }

                path.Add(key);
                if (Visit(next) is { } found)
                {
                    return found;
                }

                path.RemoveAt(path.Count - 1);
            }

            return null;
        }

        return Visit(start);
    }

    private static string Key(string @namespace, string name) => $"{@namespace}/{name}";
}
