using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Homelab.ServiceDefaults.Tests;

public sealed class EndpointTests
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Health_endpoints_report_healthy_outside_development(string path)
    {
        await using var service = await TestService.StartAsync();

        using var response = await service.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Failing_readiness_check_fails_health_but_not_liveness()
    {
        await using var service = await TestService.StartAsync(builder =>
            builder.Services.AddHealthChecks().AddCheck("database", () => HealthCheckResult.Unhealthy("database is down")));

        using var health = await service.Client.GetAsync(new Uri("/health", UriKind.Relative));
        using var alive = await service.Client.GetAsync(new Uri("/alive", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("Healthy", await alive.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_endpoint_serves_prometheus_text_with_registered_counters()
    {
        var registry = Metrics.DefaultRegistry;
        var counter = Metrics.WithCustomRegistry(registry)
            .CreateCounter("homelab_servicedefaults_test_total", "Counts nothing; proves /metrics serves our registry.");
        counter.Inc(3);
        await using var service = await TestService.StartAsync();

        // One request first, so the HTTP request metrics have something to show.
        using (await service.Client.GetAsync(new Uri("/alive", UriKind.Relative)))
        {
        }

        using var response = await service.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE homelab_servicedefaults_test_total counter", body, StringComparison.Ordinal);
        Assert.Contains("homelab_servicedefaults_test_total 3", body, StringComparison.Ordinal);
        Assert.Contains("http_requests_received_total", body, StringComparison.Ordinal);
    }
}
