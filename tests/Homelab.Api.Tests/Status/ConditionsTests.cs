using Homelab.Api.Status;

namespace Homelab.Api.Tests.Status;

public sealed class ConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(5);

    [Fact]
    public void SameStatusKeepsTheTransitionTimeButTakesTheRest()
    {
        IReadOnlyList<Condition> conditions = [new(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.BuildFailed, "first", T0, 1)];

        var next = Conditions.Set(conditions, new(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.HealthCheckFailed, "second", T1, 2));

        var ready = Assert.Single(next);
        Assert.Equal((T0, ConditionReasons.HealthCheckFailed, "second", 2L), (ready.LastTransitionTime, ready.Reason, ready.Message, ready.ObservedGeneration));
    }

    [Fact]
    public void ChangedStatusTakesTheNewTransitionTime()
    {
        IReadOnlyList<Condition> conditions =
        [
            new(ConditionTypes.Reconciling, ConditionStatus.True, ConditionReasons.Progressing, "Building manifests", T0, 1),
            new(ConditionTypes.Ready, ConditionStatus.Unknown, ConditionReasons.Progressing, "Reconciliation in progress", T0, 1),
        ];

        var next = Conditions.Set(conditions, new(ConditionTypes.Ready, ConditionStatus.True, ConditionReasons.ReconciliationSucceeded, "Applied revision: main@sha1:abc", T1, 1));
        next = Conditions.Remove(next, ConditionTypes.Reconciling);

        var ready = Assert.Single(next);
        Assert.Equal(T1, ready.LastTransitionTime);
        Assert.True(ready.IsTrue);
        Assert.Null(Conditions.Find(next, ConditionTypes.Reconciling));
    }

    [Fact]
    public void RoundTripsThroughJsonInKubernetesShape()
    {
        var condition = new Condition(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.DependencyNotReady, "dependency 'flux-system/storage' is not ready", T0, 3);

        var json = condition.ToJson();

        Assert.Equal("2026-01-01T12:00:00Z", json["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal(condition, Condition.FromJson(json));
    }
}
