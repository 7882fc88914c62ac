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

    private readonly IMeterFactory _meterFactory;
    private readonly Counter _requests;
    private readonly Histogram _durations;
    private readonly MeterListener _listener = new();

    public GitRequestMetrics(IMeterFactory meterFactory, IMetricFactory? metrics = null)
    {
        _meterFactory = meterFactory;
        var factory = metrics ?? Metrics.DefaultFactory;
        _requests = factory.CreateCounter(
            "argocd_git_request_total",
            "Number of git requests performed by repo server",
            new CounterConfiguration { LabelNames = ["repo", "request_type"] });
        _durations = factory.CreateHistogram(
            "argocd_git_request_duration_seconds",
            "Git requests duration seconds.",
            new HistogramConfiguration { LabelNames = ["repo", "request_type"], Buckets = [0.1, 0.25, 0.5, 1, 2, 4, 10, 20] });
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GitMeter && instrument.Name is GitCounter or GitDuration && ReferenceEquals(instrument.Meter.Scope, _meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => _requests.WithLabels(Labels(tags)).Inc(value));
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) => _durations.WithLabels(Labels(tags)).Observe(seconds));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    private static string[] Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string repo = "", type = "";
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "repo":
                    repo = tag.Value as string ?? "";
                    break;
                case "request_type":
                    type = tag.Value as string ?? "";
                    break;
            }
        }

        return [repo, type];
    }
}
