using Homelab.Engine.Results;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Sync;

/// <summary>
/// What a sync did: the per-object <see cref="Result"/> and the inventory to record for the next prune
/// (the desired non-hook objects when the sync succeeded; after a failure the previous inventory plus
/// the desired set, so nothing this sync may have applied is ever forgotten by the next prune).
/// </summary>
public sealed record SyncReport(SyncResult Result, IReadOnlyList<ObjectId> Inventory);
