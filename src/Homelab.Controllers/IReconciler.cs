namespace Homelab.Controllers;

/// <summary>
/// Brings one object's world in line with its spec. Called with a key only: the reconciler reads the
/// current object from the cache, and finding nothing means it was deleted (run cleanup then).
/// An exception counts as <see cref="ReconcileResult.Retry"/> with the default backoff.
/// </summary>
public interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}
