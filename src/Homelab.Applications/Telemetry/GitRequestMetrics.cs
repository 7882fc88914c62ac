using System.Diagnostics.Metrics;
using Prometheus;

namespace Homelab.Applications.Telemetry;

/// <summary>
/// Republishes Homelab.Git's remote-operation counter and duration (<c>homelab_git_requests_total</c>,
/// <c>homelab_git_request_duration_seconds</c>) as Argo's <c>argocd_git_request_total{repo,request_type}</c>
/// and <c>argocd_git_request_duration_seconds{repo,request_type}</c>. Only this service's meters are followed (their
/// scope is this host's meter factory), so another host in the same process is not counted twice.
/// </summary>
internal sealed class GitRequestMetrics : IHostedService, IDisposable
{
    private const string GitMeter = "Homelab.Git";
    private const string GitCounter = "homelab_git_requests_total";
    private const string GitDuration = "homelab_git_request_duration_seconds";

    private readonly Counter _requests;
    private readonly Histogram _durations;
    private readonly MeterBridge _bridge;

    public GitRequestMetrics(IMeterFactory meterFactory, IMetricFactory? metrics = null)
    {
        var factory = metrics ?? Metrics.DefaultFactory;
        _requests = factory.CreateCounter(
            "argocd_git_request_total",
            "Number of git requests performed by repo server",
            new CounterConfiguration { LabelNames = ["repo", "request_type"] });
        _durations = factory.CreateHistogram(
            "argocd_git_request_duration_seconds",
            "Git requests duration seconds.",
            new HistogramConfiguration { LabelNames = ["repo", "request_type"], Buckets = [0.1, 0.25, 0.5, 1, 2, 4, 10, 20] });
        _bridge = new MeterBridge(meterFactory, GitMeter, GitCounter, GitDuration);
        string[] tags = ["repo", "request_type"];
        _bridge.On<long>(tags, (value, labels) => _requests.WithLabels(labels).Inc(value));
        _bridge.On<double>(tags, (seconds, labels) => _durations.WithLabels(labels).Observe(seconds));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _bridge.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _bridge.Dispose();
}
