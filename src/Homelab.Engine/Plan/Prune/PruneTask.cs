using Homelab.Manifests.Objects;

namespace Homelab.Engine.Plan.Prune;

/// <summary>One deletion, with the live object it was decided on (its resourceVersion can guard the delete).</summary>
public sealed record PruneTask(KubeObject Live, bool PruneLast, PropagationPolicy Propagation)
{
    public ObjectId Id => Live.Id;
}
