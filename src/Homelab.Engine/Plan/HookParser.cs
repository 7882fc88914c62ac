using Homelab.Manifests;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Plan;

/// <summary>
/// Reads <c>argocd.argoproj.io/hook</c> (comma list of PreSync, Sync, PostSync, SyncFail, Skip) and its
/// delete policy; without it, Helm's <c>helm.sh/hook</c> mapped as Argo CD does: pre-install and
/// pre-upgrade (and the old crd-install) → PreSync, post-install and post-upgrade → PostSync; other Helm
/// hooks (test, *-delete, *-rollback) have no sync phase. Unknown Argo values are an error naming the object.
/// </summary>
public static class HookParser
{
    public static HookSpec Parse(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.GetAnnotation(PlanAnnotations.ArgoHook) is { } argo)
        {
            var phases = new List<SyncPhase>();
            var skip = false;
            foreach (var value in Split(argo))
            {
                if (value == "Skip")
                {
                    skip = true;
                }
                else if (EnumNames.TryParse<SyncPhase>(value, ignoreCase: false, out var phase))
                {
                    phases.Add(phase);
                }
                else
                {
                    throw Error(obj, $"{PlanAnnotations.ArgoHook} '{value}' is not one of PreSync, Sync, PostSync, SyncFail, Skip");
                }
            }

            var policy = ParseArgoPolicy(obj);
            return new HookSpec(true, skip ? [] : phases.Distinct().Order().ToList(), policy, skip);
        }

        if (obj.GetAnnotation(PlanAnnotations.HelmHook) is { } helm)
        {
            var phases = Split(helm).Select(HelmPhase).OfType<SyncPhase>().Distinct().Order().ToList();
            return new HookSpec(true, phases, ParseHelmPolicy(obj), false);
        }

        return HookSpec.Resource;
    }

    private static SyncPhase? HelmPhase(string value) => value switch
    {
        "pre-install" or "pre-upgrade" or "crd-install" => SyncPhase.PreSync,
        "post-install" or "post-upgrade" => SyncPhase.PostSync,
        _ => null,
    };

    private static HookDeletePolicy ParseArgoPolicy(KubeObject obj)
    {
        if (obj.GetAnnotation(PlanAnnotations.ArgoHookDeletePolicy) is not { } text)
        {
            return ParseHelmPolicy(obj);
        }

        var policy = HookDeletePolicy.None;
        foreach (var value in Split(text))
        {
            policy |= EnumNames.TryParse<HookDeletePolicy>(value, ignoreCase: false, out var p) && p != HookDeletePolicy.None
                ? p
                : throw Error(obj, $"{PlanAnnotations.ArgoHookDeletePolicy} '{value}' is not one of HookSucceeded, HookFailed, BeforeHookCreation");
        }

        return policy == HookDeletePolicy.None ? HookDeletePolicy.BeforeHookCreation : policy;
    }

    private static HookDeletePolicy ParseHelmPolicy(KubeObject obj)
    {
        var policy = HookDeletePolicy.None;
        foreach (var value in Split(obj.GetAnnotation(PlanAnnotations.HelmHookDeletePolicy) ?? ""))
        {
            policy |= value switch
            {
                "hook-succeeded" => HookDeletePolicy.HookSucceeded,
                "hook-failed" => HookDeletePolicy.HookFailed,
                "before-hook-creation" => HookDeletePolicy.BeforeHookCreation,
                _ => throw Error(obj, $"{PlanAnnotations.HelmHookDeletePolicy} '{value}' is not one of hook-succeeded, hook-failed, before-hook-creation"),
            };
        }

        return policy == HookDeletePolicy.None ? HookDeletePolicy.BeforeHookCreation : policy;
    }

    private static IEnumerable<string> Split(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    internal static ManifestException Error(KubeObject obj, string message) => new($"{obj.Id}: {message}", obj.Source);
}
