using Homelab.Manifests.Health;

namespace Homelab.Manifests.Tests.Health;

public sealed class HealthAssessorTests
{
    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""")]
    [InlineData("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"r"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Node","metadata":{"name":"n"},"status":{"conditions":[{"type":"Ready","status":"True"}]}}""")]
    public void Kinds_without_a_rule_have_no_health(string json)
    {
        Assert.Null(Assess.OrNull(json));
    }

    [Theory]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","deletionTimestamp":"2025-01-01T00:00:00Z"},"spec":{"paused":true}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","deletionTimestamp":"2025-01-01T00:00:00Z"}}""")]
    public void Object_being_deleted_is_pending_deletion(string json)
    {
        Assert.Equal(new HealthStatus(HealthStatusCode.Progressing, "Pending deletion"), Assess.Json(json));
    }

    [Fact]
    public void Hook_being_deleted_under_the_hook_finalizer_is_judged_on_its_status()
    {
        var health = Assess.Json("""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pre-sync","deletionTimestamp":"2025-01-01T00:00:00Z",
             "finalizers":["argocd.argoproj.io/hook-finalizer"]},
             "status":{"conditions":[{"type":"Failed","status":"True","message":"BackoffLimitExceeded"}]}}
            """);
        Assert.Equal(HealthStatusCode.Degraded, health.Status);
    }

    [Fact]
    public void Rule_matches_group_as_well_as_kind()
    {
        // A CRD-defined "Deployment" in another group is not an apps Deployment.
        Assert.Null(Assess.OrNull("""{"apiVersion":"example.com/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"paused":true}}"""));
    }

    [Fact]
    public void Worst_follows_argo_severity_order()
    {
        HealthStatusCode[] order =
        [
            HealthStatusCode.Healthy, HealthStatusCode.Suspended, HealthStatusCode.Progressing,
            HealthStatusCode.Missing, HealthStatusCode.Degraded, HealthStatusCode.Unknown,
        ];
        for (var better = 0; better < order.Length; better++)
        {
            for (var worse = better; worse < order.Length; worse++)
            {
                Assert.Equal(order[worse], HealthAssessor.Worst([order[better], order[worse]]));
                Assert.Equal(order[worse], HealthAssessor.Worst([order[worse], order[better]]));
            }
        }
    }

    [Fact]
    public void Worst_of_nothing_is_healthy()
    {
        Assert.Equal(HealthStatusCode.Healthy, HealthAssessor.Worst([]));
    }

    [Fact]
    public void Worst_of_a_mixed_set_is_the_most_severe()
    {
        Assert.Equal(HealthStatusCode.Missing, HealthAssessor.Worst(
            [HealthStatusCode.Healthy, HealthStatusCode.Missing, HealthStatusCode.Suspended, HealthStatusCode.Progressing]));
        Assert.Equal(HealthStatusCode.Degraded, HealthAssessor.Worst(
            [HealthStatusCode.Degraded, HealthStatusCode.Healthy, HealthStatusCode.Missing]));
    }
}
