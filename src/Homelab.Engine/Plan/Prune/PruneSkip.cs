using Homelab.Manifests.Objects;

namespace Homelab.Engine.Plan.Prune;

/// <summary>A prune candidate that will not be deleted, and why (Argo reports PruneSkipped for <see cref="PruneSkipReason.PruneDisabled"/>).</summary>
public sealed record PruneSkip(ObjectId Id, PruneSkipReason Reason);
