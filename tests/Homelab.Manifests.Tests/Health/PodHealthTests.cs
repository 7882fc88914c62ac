using Homelab.Manifests.Health;

namespace Homelab.Manifests.Tests.Health;

public sealed class PodHealthTests
{
    private static string Pod(string restartPolicy, string status, string annotations = "{}") => $$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","annotations":{{annotations}}},
         "spec":{"restartPolicy":"{{restartPolicy}}","containers":[{"name":"app","image":"app"}]},"status":{{status}}}
        """;

    private const string ReadyCondition = """[{"type":"Ready","status":"True"}]""";

    [Fact]
    public void Running_ready_pod_is_healthy()
    {
        var health = Assess.Json(Pod("Always", $$"""{"phase":"Running","conditions":{{ReadyCondition}}}"""));
        Assert.Equal(HealthStatusCode.Healthy, health.Status);
    }

    [Fact]
    public void Running_pod_that_is_not_ready_yet_is_progressing()
    {
        var health = Assess.Json(Pod("Always", """
            {"phase":"Running","conditions":[{"type":"Ready","status":"False"}],
             "containerStatuses":[{"name":"app","ready":false,"state":{"running":{}}}]}
            """));
        Assert.Equal(HealthStatusCode.Progressing, health.Status);
    }

    [Fact]
    public void Running_pod_not_ready_after_a_container_terminated_is_degraded()
    {
        var health = Assess.Json(Pod("Always", """
            {"phase":"Running","conditions":[{"type":"Ready","status":"False"}],
             "containerStatuses":[{"name":"app","ready":false,"state":{"running":{}},"lastState":{"terminated":{"exitCode":1}}}]}
            """));
        Assert.Equal(HealthStatusCode.Degraded, health.Status);
    }

    [Theory]
    [InlineData("CrashLoopBackOff")]
    [InlineData("ImagePullBackOff")]
    [InlineData("ErrImagePull")]
    [InlineData("CreateContainerConfigError")]
    public void Long_running_pod_with_a_failing_container_is_degraded(string reason)
    {
        var health = Assess.Json(Pod("Always", $$"""
            {"phase":"Running","containerStatuses":[{"name":"app","state":{"waiting":{"reason":"{{reason}}","message":"back-off restarting app"} } }]}
            """));
        Assert.Equal(new HealthStatus(HealthStatusCode.Degraded, "back-off restarting app"), health);
    }

    [Fact]
    public void Container_error_without_message_names_the_container_and_reason()
    {
        var health = Assess.Json(Pod("Always", """
            {"phase":"Pending","containerStatuses":[{"name":"app","state":{"waiting":{"reason":"ImagePullBackOff"}}}]}
            """));
        Assert.Equal(new HealthStatus(HealthStatusCode.Degraded, "container \"app\": ImagePullBackOff"), health);
    }

    [Fact]
    public void Hook_pod_waiting_for_its_image_is_not_failed_early()
    {
        var health = Assess.Json(Pod("Never", """
            {"phase":"Pending","containerStatuses":[{"name":"app","state":{"waiting":{"reason":"ImagePullBackOff"}}}]}
            """));
        Assert.Equal(HealthStatusCode.Progressing, health.Status);
    }

    [Theory]
    [InlineData("Never")]
    [InlineData("OnFailure")]
    public void Running_finite_pod_is_progressing_even_when_ready(string restartPolicy)
    {
        var health = Assess.Json(Pod(restartPolicy, $$"""{"phase":"Running","conditions":{{ReadyCondition}}}"""));
        Assert.Equal(HealthStatusCode.Progressing, health.Status);
    }

    [Fact]
    public void Finite_pod_with_ignore_restart_policy_annotation_is_judged_on_readiness()
    {
        var health = Assess.Json(Pod("OnFailure", $$"""{"phase":"Running","conditions":{{ReadyCondition}}}""",
            """{"argocd.argoproj.io/ignore-restart-policy":"true"}"""));
        Assert.Equal(HealthStatusCode.Healthy, health.Status);
    }

    [Fact]
    public void Succeeded_pod_is_healthy_and_pending_pod_progressing()
    {
        Assert.Equal(HealthStatusCode.Healthy, Assess.Json(Pod("Never", """{"phase":"Succeeded"}""")).Status);
        Assert.Equal(HealthStatusCode.Progressing, Assess.Json(Pod("Always", """{"phase":"Pending"}""")).Status);
    }

    [Fact]
    public void Failed_pod_is_degraded_with_the_best_message_available()
    {
        Assert.Equal(new HealthStatus(HealthStatusCode.Degraded, "The node was low on resource: memory."),
            Assess.Json(Pod("Never", """{"phase":"Failed","message":"The node was low on resource: memory."}""")));
        Assert.Equal(new HealthStatus(HealthStatusCode.Degraded, "OOMKilled"), Assess.Json(Pod("Never", """
            {"phase":"Failed","containerStatuses":[{"name":"app","state":{"terminated":{"reason":"OOMKilled","exitCode":137}}}]}
            """)));
        Assert.Equal(new HealthStatus(HealthStatusCode.Degraded, "container \"init\" failed with exit code 2"), Assess.Json(Pod("Never", """
            {"phase":"Failed","initContainerStatuses":[{"name":"init","state":{"terminated":{"reason":"Error","exitCode":2}}}]}
            """)));
    }

    [Fact]
    public void Pod_in_an_unknown_phase_is_unknown()
    {
        Assert.Equal(HealthStatusCode.Unknown, Assess.Json(Pod("Always", """{"phase":"Unknown"}""")).Status);
    }
}
