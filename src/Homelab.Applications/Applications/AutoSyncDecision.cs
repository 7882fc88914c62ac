using System.Text.Json.Nodes;
using Homelab.Applications.Comparison;
using Homelab.Applications.Operations;

namespace Homelab.Applications.Applications;

/// <summary>
/// Argo CD's automated sync rules: only when OutOfSync; once per (revision, source) — a failed attempt
/// is not repeated for the same commit; after a successful one, drift is re-synced only with selfHeal
/// (2 s × 3 backoff, capped at 5 minutes); pruning-only changes wait for <c>prune</c>; never wipe out
/// everything unless <c>allowEmpty</c>.
/// </summary>
public static class AutoSyncDecision
{
    /// <returns>The operation to run (null: none), a SyncError message, and when to look again for a held self-heal.</returns>
    public static (SyncOperation? Operation, string? Error, TimeSpan? WaitFor) Decide(
        ValidatedApplication app, ComparisonOutcome comparison, JsonObject? operationState, ApplicationState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(state);
        var automated = app.Spec.SyncPolicy?.Automated;
        var resources = comparison.Comparison.Resources.Where(r => !r.Hook).ToList();
        var outOfSync = resources.Where(r => r.Status == ResourceComparison.OutOfSync).ToList();
        if (outOfSync.Count == 0)
        {
            state.SelfHealAttempts = 0;
            return (null, null, null);
        }

        if (automated is not { Enabled: true } || !comparison.Comparison.Succeeded)
        {
            return (null, null, null);
        }

        if (!automated.Prune && outOfSync.TrueForAll(r => r.RequiresPruning))
        {
            return (null, null, null);
        }

        if (!automated.AllowEmpty && comparison.Desired.Count == 0 && resources.Count > 0)
        {
            return (null, "auto-sync will wipe out all resources: the rendered sources are empty and allowEmpty is not set", null);
        }

        var revisions = comparison.Comparison.Revisions;
        var lastResult = operationState?["syncResult"] as JsonObject;
        var lastPhase = operationState?["phase"]?.GetValue<string>();
        var sameTarget = lastResult is not null && SameRevisions(lastResult, revisions) && SameSources(lastResult, app);
        if (!sameTarget)
        {
            return (SyncOperation.Automatic(app.Spec, revisions, selfHeal: false), null, null);
        }

        if (lastPhase is OperationOutcome.Failed or OperationOutcome.Error)
        {
            var message = operationState?["message"]?.GetValue<string>() ?? "";
            return (null, $"Failed last sync attempt to {Short(revisions)}: {message}", null);
        }

        if (!automated.SelfHeal)
        {
            return (null, null, null);
        }

        var hold = state.SelfHealNotBefore - now;
        if (hold > TimeSpan.Zero)
        {
            return (null, null, hold);
        }

        state.SelfHealNotBefore = now + RetryBackoff.SelfHealDelay(state.SelfHealAttempts + 1);
        state.SelfHealAttempts++;
        return (SyncOperation.Automatic(app.Spec, revisions, selfHeal: true), null, null);
    }

    private static bool SameRevisions(JsonObject result, IReadOnlyList<string> revisions)
    {
        var recorded = result["revisions"] is JsonArray many
            ? many.Select(r => r?.GetValue<string>() ?? "").ToList()
            : [result["revision"]?.GetValue<string>() ?? ""];
        return recorded.SequenceEqual(revisions);
    }

    private static bool SameSources(JsonObject result, ValidatedApplication app) =>
        app.Spec.IsMultiSource
            ? JsonNode.DeepEquals(result["sources"], app.Object.Get("spec", "sources"))
            : JsonNode.DeepEquals(result["source"], app.Object.Get("spec", "source"));

    private static string Short(IReadOnlyList<string> revisions) =>
        string.Join(", ", revisions.Select(r => r.Length > 7 ? r[..7] : r));
}
