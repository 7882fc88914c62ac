using System.Diagnostics.Metrics;
using Homelab.Applications.Telemetry;
using Homelab.Kubernetes.Client;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Homelab.Applications.Tests.Telemetry;

/// <summary>Kubernetes API requests show up under Argo's <c>argocd_app_k8s_request_total</c>; another host's are not counted.</summary>
public sealed class KubernetesRequestMetricsTests
{
    [Fact]
    public async Task Requests_of_this_host_are_counted_by_verb_resource_and_code()
    {
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        await using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var registry = Metrics.NewCustomRegistry();
        using var metrics = new KubernetesRequestMetrics(services.GetRequiredService<IMeterFactory>(), Metrics.WithCustomRegistry(registry));
        await metrics.StartAsync(CancellationToken.None);
        using var requests = new RequestMetrics(services.GetRequiredService<IMeterFactory>());
        using var otherRequests = new RequestMetrics(other.GetRequiredService<IMeterFactory>());

        requests.Record("get", "deployments", 200);
        requests.Record("get", "deployments", 200);
        requests.Record("patch", "services", 409);
        otherRequests.Record("list", "configmaps", 200);

        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        var exported = System.Text.Encoding.UTF8.GetString(text.ToArray());
        Assert.Contains("argocd_app_k8s_request_total{verb=\"get\",resource_kind=\"deployments\",response_code=\"200\"} 2", exported, StringComparison.Ordinal);
        Assert.Contains("argocd_app_k8s_request_total{verb=\"patch\",resource_kind=\"services\",response_code=\"409\"} 1", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("configmaps", exported, StringComparison.Ordinal);
    }
}
