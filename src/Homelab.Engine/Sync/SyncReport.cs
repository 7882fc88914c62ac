using Homelab.Engine.Results;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Sync;

/// <summary>
/// What a sync did: the per-object <see cref="Result"/> and the inventory to record for the next prune
/// (every desired non-hook object when the sync succeeded; the previous inventory plus what was
/// applied when it failed, so nothing applied is ever forgotten).
/// </summary>
public sealed record SyncReport(SyncResult Result, IReadOnlyList<ObjectId> Inventory);
