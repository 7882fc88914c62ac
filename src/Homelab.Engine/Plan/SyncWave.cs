using System.Globalization;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Plan;

/// <summary>An object's wave: <c>argocd.argoproj.io/sync-wave</c>, else <c>helm.sh/hook-weight</c>, else 0.</summary>
public static class SyncWave
{
    public static int Of(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        foreach (var key in new[] { PlanAnnotations.ArgoSyncWave, PlanAnnotations.HelmHookWeight })
        {
            if (obj.GetAnnotation(key) is { } text)
            {
                return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var wave)
                    ? wave
                    : throw HookParser.Error(obj, $"{key} '{text}' is not an integer");
            }
        }

        return 0;
    }
}
