using Homelab.Infrastructure.Tests.Fixtures;

namespace Homelab.Infrastructure.Tests.Telemetry;

/// <summary>/metrics carries Flux's metric names with their labels, for the objects the service sees.</summary>
public sealed class MetricsTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task ResourceInfoAndReconcileDurationAreServedWithFluxLabels()
    {
        await using var service = await fixture.StartServiceAsync();
        var repo = fixture.CreateRepository("metrics-repo");
        var sha = repo.CommitAndPush("first", new Dictionary<string, string> { ["a.yaml"] = "a: 1\n" });
        var ns = await fixture.CreateNamespaceAsync("metrics");
        await fixture.CreateAsync($"""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: metrics-source
              namespace: {ns}
            spec:
              url: {repo.Url}
              interval: 1h
              ref:
                branch: main
            """);
        using var http = new HttpClient { BaseAddress = service.HttpAddress };
        var expected = $"gotk_resource_info{{customresource_kind=\"GitRepository\",exported_namespace=\"{ns}\",name=\"metrics-source\",ready=\"True\",suspended=\"false\",revision=\"main@sha1:{sha}\",source_name=\"\"}} 1";
        var text = "";
        await Eventually.TrueAsync(() =>
        {
            text = http.GetStringAsync("/metrics").GetAwaiter().GetResult();
            return text.Contains(expected, StringComparison.Ordinal);
        }, "gotk_resource_info for the ready GitRepository", TimeSpan.FromSeconds(20));

        // Only the ready series remains: the earlier (Unknown, no revision) one was removed when the labels changed.
        Assert.Single(text.Split('\n'), l => l.StartsWith("gotk_resource_info{", StringComparison.Ordinal) && l.Contains($"name=\"metrics-source\"", StringComparison.Ordinal));
        Assert.Contains($"gotk_reconcile_duration_seconds_count{{kind=\"GitRepository\",name=\"metrics-source\",namespace=\"{ns}\"}}", text, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_reconcile_total{controller=\"gitrepository\"", text, StringComparison.Ordinal);
        Assert.Contains("workqueue_depth{name=\"gitrepository\"}", text, StringComparison.Ordinal);

        await fixture.Client.DeleteAsync(new Kubernetes.Client.ObjectReference("source.toolkit.fluxcd.io/v1", "GitRepository", ns, "metrics-source"), new Kubernetes.Client.DeleteOptions(), CancellationToken.None);
        await Eventually.TrueAsync(
            () => !http.GetStringAsync("/metrics").GetAwaiter().GetResult().Contains("name=\"metrics-source\",ready", StringComparison.Ordinal),
            "series removed after delete",
            TimeSpan.FromSeconds(10));
    }
}
