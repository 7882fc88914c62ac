using Homelab.Manifests.Health;

namespace Homelab.Manifests.Tests.Health;

public sealed class WorkloadHealthTests
{
    private static string Deployment(string spec, string status, int generation = 1) => $$"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"apps","generation":{{generation}}},
         "spec":{{spec}},"status":{{status}}}
        """;

    [Fact]
    public void Deployment_with_all_replicas_updated_and_available_is_healthy()
    {
        var health = Assess.Json(Deployment("""{"replicas":3}""",
            """{"observedGeneration":1,"replicas":3,"updatedReplicas":3,"availableReplicas":3}"""));
        Assert.Equal(HealthStatusCode.Healthy, health.Status);
    }

    [Fact]
    public void Paused_deployment_is_suspended()
    {
        var health = Assess.Json(Deployment("""{"replicas":3,"paused":true}""", """{"observedGeneration":0}""", generation: 4));
        Assert.Equal(new HealthStatus(HealthStatusCode.Suspended, "Deployment is paused"), health);
    }

    [Fact]
    public void Deployment_whose_generation_is_not_observed_is_progressing()
    {
        var health = Assess.Json(Deployment("""{"replicas":1}""",
            """{"observedGeneration":1,"replicas":1,"updatedReplicas":1,"availableReplicas":1}""", generation: 2));
        Assert.Equal(HealthStatusCode.Progressing, health.Status);
        Assert.Equal("Waiting for rollout to finish: observed deployment generation less than desired generation", health.Message);
    }

    [Fact]
    public void Deployment_past_its_progress_deadline_is_degraded()
    {
        var health = Assess.Json(Deployment("""{"replicas":2}""", """
            {"observedGeneration":1,"replicas":2,"updatedReplicas":1,"availableReplicas":1,
             "conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded"}]}
            """));
        Assert.Equal(new HealthStatus(HealthStatusCode.Degraded, "Deployment \"web\" exceeded its progress deadline"), health);
    }

    [Theory]
    [InlineData("""{"observedGeneration":1,"replicas":3,"updatedReplicas":1,"availableReplicas":1}""",
        "Waiting for rollout to finish: 1 out of 3 new replicas have been updated...")]
    [InlineData("""{"observedGeneration":1,"replicas":5,"updatedReplicas":3,"availableReplicas":3}""",
        "Waiting for rollout to finish: 2 old replicas are pending termination...")]
    [InlineData("""{"observedGeneration":1,"replicas":3,"updatedReplicas":3,"availableReplicas":2}""",
        "Waiting for rollout to finish: 2 of 3 updated replicas are available...")]
    public void Deployment_mid_rollout_is_progressing_with_the_reason(string status, string message)
    {
        var health = Assess.Json(Deployment("""{"replicas":3}""", status));
        Assert.Equal(new HealthStatus(HealthStatusCode.Progressing, message), health);
    }

    private static string StatefulSet(string spec, string status, int generation = 1) => $$"""
        {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","generation":{{generation}}},
         "spec":{{spec}},"status":{{status}}}
        """;

    [Fact]
    public void StatefulSet_not_yet_observed_is_progressing()
    {
        var health = Assess.Json(StatefulSet("""{"replicas":1}""", "{}"));
        Assert.Equal(new HealthStatus(HealthStatusCode.Progressing, "Waiting for statefulset spec update to be observed..."), health);
    }

    [Fact]
    public void StatefulSet_waiting_for_ready_pods_is_progressing()
    {
        var health = Assess.Json(StatefulSet("""{"replicas":3}""", """{"observedGeneration":1,"readyReplicas":1}"""));
        Assert.Equal(new HealthStatus(HealthStatusCode.Progressing, "Waiting for 2 pods to be ready..."), health);
    }

    [Fact]
    public void StatefulSet_partitioned_update_waits_only_for_pods_above_the_partition()
    {
        const string spec = """{"replicas":3,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":1}}}""";
        var inProgress = Assess.Json(StatefulSet(spec, """{"observedGeneration":1,"readyReplicas":3,"updatedReplicas":1}"""));
        var done = Assess.Json(StatefulSet(spec, """{"observedGeneration":1,"readyReplicas":3,"updatedReplicas":2}"""));

        Assert.Equal(HealthStatusCode.Progressing, inProgress.Status);
        Assert.Equal("Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...", inProgress.Message);
        Assert.Equal(HealthStatusCode.Healthy, done.Status);
    }

    [Fact]
    public void StatefulSet_with_OnDelete_strategy_is_healthy_even_with_old_pods()
    {
        var health = Assess.Json(StatefulSet("""{"replicas":2,"updateStrategy":{"type":"OnDelete"}}""",
            """{"observedGeneration":1,"readyReplicas":2,"updatedReplicas":0,"currentRevision":"db-1","updateRevision":"db-2"}"""));
        Assert.Equal(HealthStatusCode.Healthy, health.Status);
        Assert.Equal("statefulset has 2 ready pods (0 updated)", health.Message);
    }

    [Fact]
    public void StatefulSet_rolling_update_without_partition_follows_revisions()
    {
        const string spec = """{"replicas":2,"updateStrategy":{"type":"RollingUpdate"}}""";
        var rolling = Assess.Json(StatefulSet(spec,
            """{"observedGeneration":1,"readyReplicas":2,"updatedReplicas":1,"currentRevision":"db-1","updateRevision":"db-2"}"""));
        var complete = Assess.Json(StatefulSet(spec,
            """{"observedGeneration":1,"readyReplicas":2,"currentReplicas":2,"updatedReplicas":2,"currentRevision":"db-2","updateRevision":"db-2"}"""));

        Assert.Equal(HealthStatusCode.Progressing, rolling.Status);
        Assert.Contains("db-2", rolling.Message, StringComparison.Ordinal);
        Assert.Equal(HealthStatusCode.Healthy, complete.Status);
    }

    private static string DaemonSet(string status, string strategy = "RollingUpdate", int generation = 1) => $$"""
        {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent","generation":{{generation}}},
         "spec":{"updateStrategy":{"type":"{{strategy}}"} },"status":{{status}}}
        """;

    [Fact]
    public void DaemonSet_rollout_states()
    {
        Assert.Equal(HealthStatusCode.Healthy, Assess.Json(DaemonSet(
            """{"observedGeneration":1,"desiredNumberScheduled":3,"updatedNumberScheduled":3,"numberAvailable":3}""")).Status);
        Assert.Equal("Waiting for rollout to finish: observed daemon set generation less than desired generation",
            Assess.Json(DaemonSet("""{"observedGeneration":1}""", generation: 2)).Message);
        Assert.Equal("Waiting for daemon set \"agent\" rollout to finish: 1 out of 3 new pods have been updated...", Assess.Json(DaemonSet(
            """{"observedGeneration":1,"desiredNumberScheduled":3,"updatedNumberScheduled":1,"numberAvailable":3}""")).Message);
        var unavailable = Assess.Json(DaemonSet(
            """{"observedGeneration":1,"desiredNumberScheduled":3,"updatedNumberScheduled":3,"numberAvailable":2}"""));
        Assert.Equal(HealthStatusCode.Progressing, unavailable.Status);
        Assert.Equal("Waiting for daemon set \"agent\" rollout to finish: 2 of 3 updated pods are available...", unavailable.Message);
    }

    [Fact]
    public void DaemonSet_with_OnDelete_strategy_is_healthy_with_old_pods()
    {
        var health = Assess.Json(DaemonSet(
            """{"observedGeneration":1,"desiredNumberScheduled":3,"updatedNumberScheduled":1,"numberAvailable":3}""", "OnDelete"));
        Assert.Equal(HealthStatusCode.Healthy, health.Status);
    }

    private static string ReplicaSet(string status, int generation = 1) => $$"""
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-abc","generation":{{generation}}},
         "spec":{"replicas":2},"status":{{status}}}
        """;

    [Fact]
    public void ReplicaSet_states()
    {
        Assert.Equal(HealthStatusCode.Healthy, Assess.Json(ReplicaSet("""{"observedGeneration":1,"availableReplicas":2}""")).Status);
        Assert.Equal(HealthStatusCode.Progressing, Assess.Json(ReplicaSet("""{"observedGeneration":1}""", generation: 2)).Status);
        Assert.Equal("Waiting for rollout to finish: 1 out of 2 new replicas are available...",
            Assess.Json(ReplicaSet("""{"observedGeneration":1,"availableReplicas":1}""")).Message);
        var failed = Assess.Json(ReplicaSet("""
            {"observedGeneration":1,"availableReplicas":0,"conditions":[{"type":"ReplicaFailure","status":"True",
             "reason":"FailedCreate","message":"pods \"web-abc-\" is forbidden: exceeded quota"}]}
            """));
        Assert.Equal(HealthStatusCode.Degraded, failed.Status);
        Assert.Contains("exceeded quota", failed.Message, StringComparison.Ordinal);
    }
}
