namespace Homelab.Engine.Plan;

/// <summary>
/// What an object's hook annotations say. Not a hook: a plain Sync-phase resource. A hook with no
/// phase (Skip, or only Helm hooks Argo does not run such as <c>test</c>) is never applied by a sync.
/// </summary>
public sealed record HookSpec(bool IsHook, IReadOnlyList<SyncPhase> Phases, HookDeletePolicy DeletePolicy, bool Skip)
{
    public static HookSpec Resource { get; } = new(false, [SyncPhase.Sync], HookDeletePolicy.None, false);
}
