using System.Diagnostics.Metrics;
using Prometheus;

namespace Homelab.Applications.Telemetry;

/// <summary>
/// Republishes Homelab.Git's remote-operation counter (<c>homelab_git_requests_total</c>) as Argo's
/// <c>argocd_git_request_total{repo,request_type}</c>. Only this service's meters are followed (their
/// scope is this host's meter factory), so another host in the same process is not counted twice.
/// </summary>
internal sealed class GitRequestMetrics : IHostedService, IDisposable
{
    private const string GitMeter = "Homelab.Git";
    private const string GitCounter = "homelab_git_requests_total";

    private readonly IMeterFactory _meterFactory;
    private readonly Counter _requests;
    private readonly MeterListener _listener = new();

    public GitRequestMetrics(IMeterFactory meterFactory, IMetricFactory? metrics = null)
    {
        _meterFactory = meterFactory;
        _requests = (metrics ?? Metrics.DefaultFactory).CreateCounter(
            "argocd_git_request_total",
            "Number of git requests performed by repo server",
            new CounterConfiguration { LabelNames = ["repo", "request_type"] });
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GitMeter && instrument.Name == GitCounter && ReferenceEquals(instrument.Meter.Scope, _meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Record(value, tags));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    private void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
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

        _requests.WithLabels(repo, type).Inc(value);
    }
}
