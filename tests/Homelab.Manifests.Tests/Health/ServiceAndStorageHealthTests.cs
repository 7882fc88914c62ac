using Homelab.Manifests.Health;

namespace Homelab.Manifests.Tests.Health;

public sealed class ServiceAndStorageHealthTests
{
    [Theory]
    [InlineData("Bound", HealthStatusCode.Healthy)]
    [InlineData("Pending", HealthStatusCode.Progressing)]
    [InlineData("Lost", HealthStatusCode.Degraded)]
    public void PersistentVolumeClaim_follows_its_phase(string phase, HealthStatusCode expected)
    {
        var health = Assess.Json($$"""
            {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data"},"status":{"phase":"{{phase}}"} }
            """);
        Assert.Equal(expected, health.Status);
    }

    [Fact]
    public void PersistentVolumeClaim_without_a_phase_is_progressing_and_a_strange_phase_unknown()
    {
        Assert.Equal(HealthStatusCode.Progressing, Assess.Json("""
            {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data"}}
            """).Status);
        Assert.Equal(HealthStatusCode.Unknown, Assess.Json("""
            {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data"},"status":{"phase":"Resizing"}}
            """).Status);
    }

    [Fact]
    public void ClusterIP_service_is_healthy()
    {
        var health = Assess.Json("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"type":"ClusterIP"}}""");
        Assert.Equal(HealthStatusCode.Healthy, health.Status);
    }

    [Fact]
    public void LoadBalancer_service_waits_for_an_address()
    {
        var pending = Assess.Json("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{}}}
            """);
        var assigned = Assess.Json("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"type":"LoadBalancer"},
             "status":{"loadBalancer":{"ingress":[{"ip":"192.168.1.240"}]}}}
            """);

        Assert.Equal(HealthStatusCode.Progressing, pending.Status);
        Assert.Equal(HealthStatusCode.Healthy, assigned.Status);
        Assert.Contains("192.168.1.240", assigned.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingress_is_healthy_once_it_has_an_address()
    {
        var pending = Assess.Json("""
            {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web"},"status":{"loadBalancer":{"ingress":[]}}}
            """);
        var assigned = Assess.Json("""
            {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web"},
             "status":{"loadBalancer":{"ingress":[{"hostname":"lb.home.arpa"}]}}}
            """);

        Assert.Equal(HealthStatusCode.Progressing, pending.Status);
        Assert.Equal(HealthStatusCode.Healthy, assigned.Status);
        Assert.Contains("lb.home.arpa", assigned.Message, StringComparison.Ordinal);
    }
}
