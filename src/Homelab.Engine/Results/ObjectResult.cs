using Homelab.Engine.Plan;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Results;

/// <summary>
/// One object's outcome in a sync. <see cref="Message"/> explains failures and skips; it never holds a
/// Secret value (callers pass API error texts, which do not contain them).
/// </summary>
public sealed record ObjectResult(ObjectId Id, string Version, SyncAction Action, SyncPhase Phase, int Wave, bool IsHook, string? Message = null)
{
    /// <summary>Flux's change-set line, e.g. <c>Deployment/apps/podinfo configured</c>.</summary>
    public string ToChangeSetLine()
    {
        var action = Action switch
        {
            SyncAction.Pruned => "deleted",
            _ => Action.ToString().ToLowerInvariant(),
        };
        var name = Id.Namespace is null ? $"{Id.Kind}/{Id.Name}" : $"{Id.Kind}/{Id.Namespace}/{Id.Name}";
        return $"{name} {action}";
    }
}
