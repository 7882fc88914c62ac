using Homelab.Manifests.Health;

namespace Homelab.Manifests.Tests.Health;

public sealed class ClusterApiHealthTests
{
    private static string HpaV2(string conditions) => $$"""
        {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
         "spec":{"minReplicas":1,"maxReplicas":3},"status":{"conditions":{{conditions}}} }
        """;

    [Fact]
    public void Hpa_v2_that_can_scale_is_healthy()
    {
        var health = Assess.Json(HpaV2("""
            [{"type":"AbleToScale","status":"True","reason":"ReadyForNewScale","message":"recommended size matches current size"},
             {"type":"ScalingActive","status":"True","reason":"ValidMetricFound","message":"the HPA was able to calculate a replica count"},
             {"type":"ScalingLimited","status":"False","reason":"DesiredWithinRange","message":"the desired count is within the acceptable range"}]
            """));
        Assert.Equal(new HealthStatus(HealthStatusCode.Healthy, "recommended size matches current size"), health);
    }

    [Fact]
    public void Hpa_v2_that_cannot_read_metrics_is_degraded_even_if_able_to_scale()
    {
        var health = Assess.Json(HpaV2("""
            [{"type":"AbleToScale","status":"True","reason":"SucceededGetScale","message":"the HPA controller was able to get the target's current scale"},
             {"type":"ScalingActive","status":"False","reason":"FailedGetResourceMetric","message":"unable to get metrics for resource memory"}]
            """));
        Assert.Equal(HealthStatusCode.Degraded, health.Status);
        Assert.Contains("unable to get metrics for resource memory", health.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hpa_v2_that_cannot_get_its_target_scale_is_degraded()
    {
        var health = Assess.Json(HpaV2("""
            [{"type":"AbleToScale","status":"False","reason":"FailedGetScale","message":"deployments/scale.apps \"web\" not found"}]
            """));
        Assert.Equal(HealthStatusCode.Degraded, health.Status);
    }

    [Fact]
    public void Hpa_without_conditions_is_waiting_to_autoscale()
    {
        Assert.Equal(new HealthStatus(HealthStatusCode.Progressing, "Waiting to Autoscale"), Assess.Json(HpaV2("[]")));
    }

    [Fact]
    public void Hpa_v1_reads_conditions_from_its_annotation()
    {
        const string healthy = """[{\"type\":\"AbleToScale\",\"status\":\"True\",\"reason\":\"SucceededRescale\",\"message\":\"the HPA controller was able to update the target scale\"}]""";
        const string failed = """[{\"type\":\"ScalingActive\",\"status\":\"False\",\"reason\":\"InvalidSelector\",\"message\":\"bad selector\"}]""";

        Assert.Equal(HealthStatusCode.Healthy, Assess.Json(HpaV1(healthy)).Status);
        Assert.Equal(HealthStatusCode.Degraded, Assess.Json(HpaV1(failed)).Status);
        Assert.Equal(HealthStatusCode.Progressing, Assess.Json("""
            {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"}}
            """).Status);
        Assert.Equal(HealthStatusCode.Unknown, Assess.Json(HpaV1("not json")).Status);
    }

    private static string HpaV1(string escapedConditions) => $$"""
        {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler",
         "metadata":{"name":"web","annotations":{"autoscaling.alpha.kubernetes.io/conditions":"{{escapedConditions}}"} } }
        """;

    private static string ApiService(string conditions) => $$"""
        {"apiVersion":"apiregistration.k8s.io/v1","kind":"APIService","metadata":{"name":"v1beta1.metrics.k8s.io"},
         "status":{"conditions":{{conditions}}} }
        """;

    [Fact]
    public void ApiService_follows_its_Available_condition()
    {
        Assert.Equal(new HealthStatus(HealthStatusCode.Healthy, "Passed: all checks passed"),
            Assess.Json(ApiService("""[{"type":"Available","status":"True","reason":"Passed","message":"all checks passed"}]""")));
        Assert.Equal(new HealthStatus(HealthStatusCode.Progressing, "MissingEndpoints: endpoints for service/metrics-server have no addresses"),
            Assess.Json(ApiService("""[{"type":"Available","status":"False","reason":"MissingEndpoints","message":"endpoints for service/metrics-server have no addresses"}]""")));
        Assert.Equal(new HealthStatus(HealthStatusCode.Progressing, "Waiting to be processed"), Assess.Json(ApiService("[]")));
    }

    private static string Crd(string conditions) => $$"""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
         "status":{"conditions":{{conditions}}} }
        """;

    [Fact]
    public void Established_crd_is_healthy()
    {
        var health = Assess.Json(Crd("""
            [{"type":"NamesAccepted","status":"True"},{"type":"Established","status":"True"}]
            """));
        Assert.Equal(new HealthStatus(HealthStatusCode.Healthy, "CRD is established"), health);
    }

    [Fact]
    public void Crd_with_refused_names_is_degraded()
    {
        var health = Assess.Json(Crd("""
            [{"type":"NamesAccepted","status":"False","reason":"KindConflict","message":"\"Widget\" is already in use"},
             {"type":"Established","status":"False","reason":"NotAccepted"}]
            """));
        Assert.Equal(HealthStatusCode.Degraded, health.Status);
        Assert.Contains("already in use", health.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crd_not_yet_established_is_progressing()
    {
        Assert.Equal(HealthStatusCode.Progressing, Assess.Json(Crd("""[{"type":"Established","status":"False","reason":"Installing"}]""")).Status);
        Assert.Equal(HealthStatusCode.Progressing, Assess.Json(Crd("[]")).Status);
    }

    [Fact]
    public void Crd_being_terminated_is_progressing_and_non_structural_is_degraded()
    {
        var terminating = Assess.Json(Crd("""
            [{"type":"Established","status":"True"},{"type":"Terminating","status":"True","reason":"InstanceDeletionInProgress","message":"deleting 3 widgets"}]
            """));
        var nonStructural = Assess.Json(Crd("""
            [{"type":"Established","status":"True"},{"type":"NonStructuralSchema","status":"True","message":"spec.versions[0].schema.openAPIV3Schema.type: Required value"}]
            """));

        Assert.Equal(HealthStatusCode.Progressing, terminating.Status);
        Assert.Contains("deleting 3 widgets", terminating.Message, StringComparison.Ordinal);
        Assert.Equal(HealthStatusCode.Degraded, nonStructural.Status);
    }
}
