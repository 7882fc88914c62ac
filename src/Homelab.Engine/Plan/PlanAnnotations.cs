namespace Homelab.Engine.Plan;

/// <summary>The annotation keys that steer planning, as Argo CD, Helm and Flux spell them.</summary>
public static class PlanAnnotations
{
    public const string ArgoHook = "argocd.argoproj.io/hook";
    public const string ArgoHookDeletePolicy = "argocd.argoproj.io/hook-delete-policy";
    public const string ArgoSyncWave = "argocd.argoproj.io/sync-wave";
    public const string ArgoSyncOptions = "argocd.argoproj.io/sync-options";
    public const string HelmHook = "helm.sh/hook";
    public const string HelmHookWeight = "helm.sh/hook-weight";
    public const string HelmHookDeletePolicy = "helm.sh/hook-delete-policy";
    public const string FluxPrune = "kustomize.toolkit.fluxcd.io/prune";
    public const string FluxSsa = "kustomize.toolkit.fluxcd.io/ssa";
    public const string FluxReconcile = "kustomize.toolkit.fluxcd.io/reconcile";
    public const string FluxForce = "kustomize.toolkit.fluxcd.io/force";
}
