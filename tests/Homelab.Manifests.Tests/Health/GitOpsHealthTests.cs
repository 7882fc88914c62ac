using Homelab.Manifests.Health;

namespace Homelab.Manifests.Tests.Health;

public sealed class GitOpsHealthTests
{
    [Theory]
    [InlineData("Healthy", HealthStatusCode.Healthy)]
    [InlineData("Suspended", HealthStatusCode.Suspended)]
    [InlineData("Progressing", HealthStatusCode.Progressing)]
    [InlineData("Missing", HealthStatusCode.Missing)]
    [InlineData("Degraded", HealthStatusCode.Degraded)]
    [InlineData("Unknown", HealthStatusCode.Unknown)]
    public void Child_application_reports_its_own_health(string reported, HealthStatusCode expected)
    {
        var health = Assess.Json($$"""
            {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"child"},
             "status":{"health":{"status":"{{reported}}","message":"from the child"} } }
            """);
        Assert.Equal(new HealthStatus(expected, "from the child"), health);
    }

    [Fact]
    public void Application_without_health_yet_is_progressing_and_garbage_is_unknown()
    {
        Assert.Equal(HealthStatusCode.Progressing, Assess.Json("""
            {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"child"}}
            """).Status);
        Assert.Equal(HealthStatusCode.Unknown, Assess.Json("""
            {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"child"},"status":{"health":{"status":"3"}}}
            """).Status);
    }

    private static string Kustomization(string conditions, bool suspend = false, int generation = 1, int observed = 1) => $$"""
        {"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization","metadata":{"name":"infra","namespace":"flux-system","generation":{{generation}}},
         "spec":{"suspend":{{(suspend ? "true" : "false")}},"interval":"10m"},
         "status":{"observedGeneration":{{observed}},"conditions":{{conditions}}} }
        """;

    [Fact]
    public void Suspended_flux_object_is_suspended()
    {
        var health = Assess.Json(Kustomization("""[{"type":"Ready","status":"True"}]""", suspend: true));
        Assert.Equal(new HealthStatus(HealthStatusCode.Suspended, "Kustomization is suspended"), health);
    }

    [Fact]
    public void Ready_flux_object_is_healthy()
    {
        var health = Assess.Json(Kustomization("""
            [{"type":"Ready","status":"True","reason":"ReconciliationSucceeded","message":"Applied revision: main@sha1:0123456789abcdef0123456789abcdef01234567"}]
            """));
        Assert.Equal(HealthStatusCode.Healthy, health.Status);
        Assert.StartsWith("Applied revision: main@sha1:", health.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconciling_flux_object_is_progressing()
    {
        var health = Assess.Json(Kustomization("""
            [{"type":"Reconciling","status":"True","reason":"Progressing","message":"Building manifests"},
             {"type":"Ready","status":"Unknown","reason":"Progressing","message":"Reconciliation in progress"}]
            """));
        Assert.Equal(new HealthStatus(HealthStatusCode.Progressing, "Reconciliation in progress"), health);
    }

    [Fact]
    public void Failed_flux_object_is_degraded()
    {
        var health = Assess.Json(Kustomization("""
            [{"type":"Ready","status":"False","reason":"BuildFailed","message":"kustomize build failed: missing resource"}]
            """));
        Assert.Equal(new HealthStatus(HealthStatusCode.Degraded, "kustomize build failed: missing resource"), health);
    }

    [Fact]
    public void Flux_object_with_unknown_Ready_and_no_reconciliation_is_degraded()
    {
        var health = Assess.Json(Kustomization("""[{"type":"Ready","status":"Unknown","reason":"Stalled"}]"""));
        Assert.Equal(HealthStatusCode.Degraded, health.Status);
    }

    [Fact]
    public void Flux_object_without_Ready_yet_is_progressing()
    {
        var health = Assess.Json("""
            {"apiVersion":"source.toolkit.fluxcd.io/v1","kind":"GitRepository","metadata":{"name":"homelab"},"spec":{"url":"https://example.org/r.git"}}
            """);
        Assert.Equal(HealthStatusCode.Progressing, health.Status);
    }

    [Fact]
    public void Flux_object_with_stale_Ready_for_an_older_generation_is_progressing()
    {
        var health = Assess.Json(Kustomization("""[{"type":"Ready","status":"True"}]""", generation: 3, observed: 2));
        Assert.Equal(HealthStatusCode.Progressing, health.Status);
    }

    [Theory]
    [InlineData("True", HealthStatusCode.Healthy)]
    [InlineData("False", HealthStatusCode.Degraded)]
    [InlineData("Unknown", HealthStatusCode.Progressing)]
    public void Custom_resource_with_a_Ready_condition_follows_it(string ready, HealthStatusCode expected)
    {
        var health = Assess.Json($$"""
            {"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"web-tls"},
             "status":{"conditions":[{"type":"Ready","status":"{{ready}}","reason":"Issuing","message":"certificate state"}]} }
            """);
        Assert.Equal(new HealthStatus(expected, "Issuing: certificate state"), health);
    }

    [Fact]
    public void Custom_resource_without_a_Ready_condition_has_no_health()
    {
        Assert.Null(Assess.OrNull("""
            {"apiVersion":"monitoring.coreos.com/v1","kind":"ServiceMonitor","metadata":{"name":"web"},"spec":{}}
            """));
    }
}
