using Homelab.Manifests.Health;

namespace Homelab.Manifests.Tests.Health;

public sealed class BatchHealthTests
{
    private static string Job(string status, string spec = "{}") => $$"""
        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"migrate"},"spec":{{spec}},"status":{{status}}}
        """;

    [Fact]
    public void Running_job_is_progressing()
    {
        Assert.Equal(new HealthStatus(HealthStatusCode.Progressing, "Job has 1 active pods"), Assess.Json(Job("""{"active":1}""")));
        Assert.Equal(HealthStatusCode.Progressing, Assess.Json(Job("{}")).Status);
    }

    [Fact]
    public void Completed_job_is_healthy()
    {
        var health = Assess.Json(Job("""{"succeeded":1,"conditions":[{"type":"Complete","status":"True"}]}"""));
        Assert.Equal(HealthStatusCode.Healthy, health.Status);
    }

    [Fact]
    public void Failed_job_is_degraded_with_its_reason()
    {
        var health = Assess.Json(Job("""
            {"failed":6,"conditions":[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded","message":"Job has reached the specified backoff limit"}]}
            """));
        Assert.Equal(new HealthStatus(HealthStatusCode.Degraded, "Job has reached the specified backoff limit"), health);
    }

    [Fact]
    public void Suspended_job_is_suspended()
    {
        Assert.Equal(HealthStatusCode.Suspended, Assess.Json(Job("""
            {"conditions":[{"type":"Suspended","status":"True","reason":"JobSuspended","message":"Job suspended"}]}
            """, """{"suspend":true}""")).Status);
        Assert.Equal(HealthStatusCode.Suspended, Assess.Json(Job("{}", """{"suspend":true}""")).Status);
    }

    private static string CronJob(string status, bool suspend = false) => $$"""
        {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"backup"},
         "spec":{"schedule":"0 3 * * *","suspend":{{(suspend ? "true" : "false")}}},"status":{{status}}}
        """;

    [Fact]
    public void Suspended_cronjob_is_suspended()
    {
        Assert.Equal(new HealthStatus(HealthStatusCode.Suspended, "CronJob is suspended"), Assess.Json(CronJob("{}", suspend: true)));
    }

    [Fact]
    public void Cronjob_with_active_jobs_is_progressing()
    {
        var health = Assess.Json(CronJob("""
            {"active":[{"kind":"Job","name":"backup-1"}],"lastScheduleTime":"2025-01-02T03:00:00Z","lastSuccessfulTime":"2025-01-01T03:01:00Z"}
            """));
        Assert.Equal(HealthStatusCode.Progressing, health.Status);
    }

    [Fact]
    public void Cronjob_that_never_ran_or_last_succeeded_is_healthy()
    {
        Assert.Equal(new HealthStatus(HealthStatusCode.Healthy, "CronJob has never run"), Assess.Json(CronJob("{}")));
        Assert.Equal(HealthStatusCode.Healthy, Assess.Json(CronJob(
            """{"lastScheduleTime":"2025-01-02T03:00:00Z","lastSuccessfulTime":"2025-01-02T03:01:10Z"}""")).Status);
    }

    [Fact]
    public void Cronjob_whose_last_run_did_not_succeed_is_degraded()
    {
        Assert.Equal(HealthStatusCode.Degraded, Assess.Json(CronJob(
            """{"lastScheduleTime":"2025-01-02T03:00:00Z","lastSuccessfulTime":"2025-01-01T03:01:10Z"}""")).Status);
        Assert.Equal(HealthStatusCode.Degraded, Assess.Json(CronJob("""{"lastScheduleTime":"2025-01-02T03:00:00Z"}""")).Status);
    }
}
