using Homelab.Api.Status;
using Homelab.Engine.Inventory;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary>
/// The status a Kustomization moves to at each step, with Flux's condition rules: Ready and Healthy always
/// present (Healthy only when health is checked), Reconciling and Stalled only while True, and
/// <c>observedGeneration</c> advanced only on success or on a terminal error.
/// Messages are stable (no durations), so repeating an outcome rewrites nothing.
/// </summary>
internal sealed class StatusTransitions(long generation, DateTimeOffset now, string? requestedAt)
{
    public KustomizationStatus Progressing(KustomizationStatus status, string revision, FluxInventory inventory) =>
        Handled(status
            .With(Condition(ConditionTypes.Reconciling, ConditionStatus.True, ConditionReasons.Progressing, $"Applying revision {revision}"))
            .With(Condition(ConditionTypes.Ready, ConditionStatus.Unknown, ConditionReasons.Progressing, "Reconciliation in progress"))
            .Without(ConditionTypes.Stalled)) with
        {
            LastAttemptedRevision = revision,
            Inventory = inventory,
        };

    public KustomizationStatus Succeeded(KustomizationStatus status, string revision, FluxInventory inventory, bool healthChecked)
    {
        var next = status
            .With(Condition(ConditionTypes.Ready, ConditionStatus.True, ConditionReasons.ReconciliationSucceeded, $"Applied revision: {revision}"))
            .Without(ConditionTypes.Reconciling)
            .Without(ConditionTypes.Stalled);
        next = healthChecked
            ? next.With(Condition(ConditionTypes.Healthy, ConditionStatus.True, ConditionReasons.Succeeded, "Health check passed"))
            : next.Without(ConditionTypes.Healthy);
        return Handled(next) with
        {
            ObservedGeneration = generation,
            LastAppliedRevision = revision,
            LastAttemptedRevision = revision,
            Inventory = inventory,
        };
    }

    /// <summary>A failure that may pass by itself (source, dependency, build, apply, health): retried at retryInterval.</summary>
    public KustomizationStatus Failed(KustomizationStatus status, string reason, string message, string? attemptedRevision = null, FluxInventory? inventory = null)
    {
        var next = status
            .With(Condition(ConditionTypes.Ready, ConditionStatus.False, reason, message))
            .With(Condition(ConditionTypes.Reconciling, ConditionStatus.True, ConditionReasons.ProgressingWithRetry, message))
            .Without(ConditionTypes.Stalled);
        if (reason == ConditionReasons.HealthCheckFailed)
        {
            next = next.With(Condition(ConditionTypes.Healthy, ConditionStatus.False, reason, message));
        }

        return Handled(next) with
        {
            LastAttemptedRevision = attemptedRevision ?? status.LastAttemptedRevision,
            Inventory = inventory ?? status.Inventory,
        };
    }

    /// <summary>A spec problem that only an edit can fix: Stalled, and the generation counts as observed.</summary>
    public KustomizationStatus Stalled(KustomizationStatus status, string reason, string message) =>
        Handled(status
            .With(Condition(ConditionTypes.Ready, ConditionStatus.False, reason, message))
            .With(Condition(ConditionTypes.Stalled, ConditionStatus.True, reason, message))
            .Without(ConditionTypes.Reconciling)) with
        {
            ObservedGeneration = generation,
        };

    private KustomizationStatus Handled(KustomizationStatus status) =>
        requestedAt is null ? status : status with { LastHandledReconcileAt = requestedAt };

    private Condition Condition(string type, string status, string reason, string message) =>
        new(type, status, reason, message, now, generation);
}
