using Homelab.Manifests.Objects;

namespace Homelab.Engine.Plan;

/// <summary>
/// One object to apply in one phase. <see cref="RequiresCrd"/> names a CRD in the same sync that must be
/// Established before this custom resource is applied (and its dry-run skipped until then).
/// </summary>
public sealed record SyncTask(
    KubeObject Object,
    SyncPhase Phase,
    int Wave,
    bool IsHook,
    HookDeletePolicy DeletePolicy,
    SyncOptions Options,
    ObjectId? RequiresCrd)
{
    public ObjectId Id => Object.Id;
}
