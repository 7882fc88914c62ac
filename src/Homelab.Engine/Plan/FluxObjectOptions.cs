using Homelab.Manifests.Objects;

namespace Homelab.Engine.Plan;

/// <summary>Flux's per-object annotations: prune, ssa, reconcile and force.</summary>
public sealed record FluxObjectOptions(bool PruneDisabled, SsaPolicy Ssa, bool ReconcileDisabled, bool Force)
{
    public static FluxObjectOptions Parse(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var ssaText = obj.GetAnnotation(PlanAnnotations.FluxSsa);
        var ssa = SsaPolicy.Override;
        if (ssaText is not null && !EnumNames.TryParse(ssaText.Trim(), ignoreCase: true, out ssa))
        {
            throw HookParser.Error(obj, $"{PlanAnnotations.FluxSsa} '{ssaText}' is not one of Override, Merge, IfNotPresent, Ignore");
        }

        return new FluxObjectOptions(
            PruneDisabled: Is(obj, PlanAnnotations.FluxPrune, "disabled"),
            Ssa: ssa,
            ReconcileDisabled: Is(obj, PlanAnnotations.FluxReconcile, "disabled"),
            Force: Is(obj, PlanAnnotations.FluxForce, "enabled"));
    }

    private static bool Is(KubeObject obj, string annotation, string value) =>
        string.Equals(obj.GetAnnotation(annotation)?.Trim(), value, StringComparison.OrdinalIgnoreCase);
}
