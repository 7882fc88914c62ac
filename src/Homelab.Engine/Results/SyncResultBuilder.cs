using Homelab.Engine.Plan;
using Homelab.Engine.Plan.Prune;
using Homelab.Manifests.Objects;

namespace Homelab.Engine.Results;

/// <summary>
/// Collects outcomes while the executor works (safe to call from parallel applies), then freezes them
/// into a <see cref="SyncResult"/>. Any Failed object, or <see cref="Fail"/>, makes the outcome Failed;
/// <see cref="Cancel"/> makes it Canceled unless it had already failed.
/// </summary>
public sealed class SyncResultBuilder
{
    private readonly Lock _lock = new();
    private readonly List<ObjectResult> _objects = [];
    private SyncPhase? _lastPhase;
    private string? _failure;
    private bool _canceled;

    public void Record(SyncTask task, SyncAction action, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        Add(new ObjectResult(task.Id, task.Object.Version, action, task.Phase, task.Wave, task.IsHook, message));
    }

    public void RecordPruned(PruneTask task, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        Add(new ObjectResult(task.Id, task.Live.Version, SyncAction.Pruned, SyncPhase.Sync, SyncWave.Of(task.Live), false, message));
    }

    public void RecordPruneSkipped(PruneSkip skip, string version)
    {
        ArgumentNullException.ThrowIfNull(skip);
        Add(new ObjectResult(skip.Id, version, SyncAction.Skipped, SyncPhase.Sync, 0, false, $"prune skipped: {skip.Reason}"));
    }

    public void RecordFailure(ObjectId id, string version, SyncPhase phase, int wave, string message) =>
        Add(new ObjectResult(id, version, SyncAction.Failed, phase, wave, false, message));

    /// <summary>Marks the run failed for a reason not tied to one object (render error, dry-run of the set).</summary>
    public void Fail(string message)
    {
        lock (_lock)
        {
            _failure ??= message;
        }
    }

    public void Cancel()
    {
        lock (_lock)
        {
            _canceled = true;
        }
    }

    public bool HasFailed
    {
        get
        {
            lock (_lock)
            {
                return _failure is not null || _objects.Any(o => o.Action == SyncAction.Failed);
            }
        }
    }

    public SyncResult Build()
    {
        lock (_lock)
        {
            var failed = _objects.FirstOrDefault(o => o.Action == SyncAction.Failed);
            var outcome = _failure is not null || failed is not null ? SyncOutcome.Failed
                : _canceled ? SyncOutcome.Canceled
                : SyncOutcome.Succeeded;
            var message = _failure ?? (failed is not null ? $"{failed.Id}: {failed.Message}" : _canceled ? "sync canceled" : null);
            return new SyncResult(outcome, [.. _objects], _lastPhase, message);
        }
    }

    private void Add(ObjectResult result)
    {
        lock (_lock)
        {
            _objects.Add(result);
            if (result.Action != SyncAction.Pruned && result.Action != SyncAction.Skipped && (_lastPhase is null || result.Phase > _lastPhase))
            {
                _lastPhase = result.Phase;
            }
        }
    }
}
