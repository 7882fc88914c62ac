using Google.Protobuf.WellKnownTypes;
using Homelab.Api.Infrastructure.V1;
using Homelab.Api.Status;
using Homelab.Infrastructure.ApiService;
using Homelab.Infrastructure.Sources;
using Homelab.Manifests.Objects;

namespace Homelab.Infrastructure.Layer;

/// <summary>
/// Whether the infrastructure layer (or the Kustomizations a caller depends on) is ready: every one exists,
/// has <c>observedGeneration == generation</c> and Ready=True. What is not ready is listed in dependency
/// order (dependencies first), so the first entry is what everything else waits for.
/// </summary>
public static class LayerReadiness
{
    public const string NotFoundReason = "NotFound";
    public const string ProgressingReason = ConditionReasons.Progressing;

    /// <summary>The default namespace of a requested Kustomization that names none, as the flux CLI assumes.</summary>
    public const string DefaultNamespace = "flux-system";

    /// <param name="kustomizations">Every Kustomization in the cache, or null while the cache is not synced (readiness unknown).</param>
    /// <param name="requested">The Kustomizations asked about; empty: all of them.</param>
    public static LayerStatus Evaluate(IReadOnlyList<KubeObject>? kustomizations, IReadOnlyList<ObjectRef> requested, DateTimeOffset now)
    {
        var status = new LayerStatus { ObservedAt = Timestamp.FromDateTimeOffset(now) };
        if (kustomizations is null)
        {
            status.Known = false;
            status.Ready = false;
            return status;
        }

        status.Known = true;
        var byKey = kustomizations.ToDictionary(k => (k.Namespace ?? "", k.Name));
        var keys = requested.Count == 0
            ? [.. byKey.Keys]
            : requested.Select(r => (string.IsNullOrEmpty(r.Namespace) ? DefaultNamespace : r.Namespace, r.Name)).Distinct().ToList();

        var order = DependencyOrder(kustomizations);
        foreach (var key in keys.OrderBy(k => order.GetValueOrDefault(k, int.MaxValue)).ThenBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal))
        {
            var readiness = Assess(key, byKey.GetValueOrDefault(key));
            status.Kustomizations.Add(readiness);
            if (!readiness.Ready)
            {
                status.Waiting.Add(readiness);
            }
        }

        status.Ready = status.Waiting.Count == 0;
        return status;
    }

    /// <summary>Two statuses say the same thing (the observation time aside): nothing to send.</summary>
    public static bool SameAs(LayerStatus a, LayerStatus b)
    {
        var left = a.Clone();
        var right = b.Clone();
        left.ObservedAt = null;
        right.ObservedAt = null;
        return left.Equals(right);
    }

    private static KustomizationReadiness Assess((string Namespace, string Name) key, KubeObject? obj)
    {
        var reference = new ObjectRef { Kind = FluxKinds.Kustomization, Namespace = key.Namespace, Name = key.Name };
        if (obj is null)
        {
            return new KustomizationReadiness { Ref = reference, Ready = false, Reason = NotFoundReason, Message = $"Kustomization '{key.Namespace}/{key.Name}' not found" };
        }

        var proto = FluxObjectMapper.ToProto(obj);
        var readiness = new KustomizationReadiness { Ref = reference, Revision = proto.Revision, Reason = proto.Reason, Message = proto.Message };
        var ready = FluxObjectMapper.ReadConditions(obj).FirstOrDefault(c => c.Type == ConditionTypes.Ready);
        if (proto.Generation != proto.ObservedGeneration)
        {
            readiness.Reason = ProgressingReason;
            readiness.Message = $"reconciliation in progress (generation {proto.Generation}, observed {proto.ObservedGeneration})";
        }
        else if (ready is null)
        {
            readiness.Reason = ProgressingReason;
            readiness.Message = "waiting to be reconciled";
        }
        else
        {
            readiness.Ready = ready.IsTrue;
        }

        return readiness;
    }

    /// <summary>Depth in the dependsOn graph (0 for no dependencies); a cycle stops the walk rather than looping.</summary>
    private static Dictionary<(string, string), int> DependencyOrder(IReadOnlyList<KubeObject> kustomizations)
    {
        var dependencies = kustomizations.ToDictionary(
            k => (k.Namespace ?? "", k.Name),
            k => FluxObjectMapper.DependsOn(k).Select(d => (d.Namespace, d.Name)).ToList());
        var depth = new Dictionary<(string, string), int>();
        foreach (var key in dependencies.Keys)
        {
            Depth(key, dependencies, depth, []);
        }

        return depth;
    }

    private static int Depth((string, string) key, Dictionary<(string, string), List<(string, string)>> dependencies, Dictionary<(string, string), int> depth, HashSet<(string, string)> visiting)
    {
        if (depth.TryGetValue(key, out var known))
        {
            return known;
        }

        if (!visiting.Add(key) || !dependencies.TryGetValue(key, out var needs))
        {
            return 0;
        }

        var result = needs.Count == 0 ? 0 : needs.Max(d => Depth(d, dependencies, depth, visiting) + 1);
        visiting.Remove(key);
        depth[key] = result;
        return result;
    }
}
