namespace Homelab.Example.Tests.Model;

/// <summary>Flux's dependsOn graph: a cycle would leave every Kustomization on it waiting forever.</summary>
public static class DependencyGraph
{
    /// <summary>The first cycle found, as <c>a -> b -> a</c>, or null when the graph is acyclic. Dangling targets are ignored here.</summary>
    public static string? FindCycle(IEnumerable<FluxKustomization> kustomizations)
    {
        var byKey = kustomizations.ToDictionary(k => k.Key);
        var done = new Dictionary<string, bool>(); // false while on the current path, true once finished
        foreach (var key in byKey.Keys)
        {
            if (Visit(key, []) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        string? Visit(string key, List<string> path)
        {
            if (done.TryGetValue(key, out var finished))
            {
                return finished ? null : string.Join(" -> ", path.SkipWhile(p => p != key).Append(key));
            }

            if (!byKey.TryGetValue(key, out var kustomization))
            {
                return null;
            }

            done[key] = false;
            path.Add(key);
            foreach (var (ns, name) in kustomization.DependsOn)
            {
                if (Visit($"{ns}/{name}", path) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            done[key] = true;
            return null;
        }
    }
}
