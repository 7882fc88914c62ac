using System.Diagnostics.Metrics;
using Homelab.Applications.Telemetry;
using Homelab.Git.Fetching;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Homelab.Applications.Tests.Telemetry;

/// <summary>Real remote Git operations show up under Argo's repo-server metric names.</summary>
public sealed class GitRequestMetricsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task An_ls_remote_is_counted_and_timed_under_the_repository_url()
    {
        var repository = new TestRepository(_temp.Path);
        repository.Commit("first", ("a.yaml", "kind: ConfigMap\n"));
        repository.Push();
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var registry = Metrics.NewCustomRegistry();
        using var metrics = new GitRequestMetrics(meters, Metrics.WithCustomRegistry(registry));
        await metrics.StartAsync(CancellationToken.None);
        using var counters = new GitOperationCounters(meters);
        using var client = new GitSourceClient(new GitSourceOptions { CacheDirectory = _temp.Sub("cache") }, TimeProvider.System, counters);

        await client.ListRemoteRefsAsync(repository.FileUrl, Homelab.Git.Credentials.GitCredentials.Anonymous, CancellationToken.None);

        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        var exported = System.Text.Encoding.UTF8.GetString(text.ToArray());
        var labels = $"repo=\"{repository.FileUrl}\",request_type=\"ls-remote\"";
        Assert.Contains($"argocd_git_request_total{{{labels}}} 1", exported, StringComparison.Ordinal);
        Assert.Contains($"argocd_git_request_duration_seconds_count{{{labels}}} 1", exported, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
