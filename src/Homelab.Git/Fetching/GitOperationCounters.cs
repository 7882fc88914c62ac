using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Homelab.Git.Fetching;

/// <summary>
/// Counts remote operations by kind (and by repository) so tests, benchmarks and metrics can see what
/// a check cost. Also published as the <c>homelab_git_requests_total{repo,request_type}</c> counter and
/// the <c>homelab_git_request_duration_seconds{repo,request_type}</c> histogram.
/// </summary>
public sealed class GitOperationCounters : IDisposable
{
    private readonly ConcurrentDictionary<(string Repository, GitOperationKind Kind), long> _counts = new();
    private readonly Meter _meter;
    private readonly Counter<long> _counter;
    private readonly Histogram<double> _duration;

    public GitOperationCounters(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create("Homelab.Git") ?? new Meter("Homelab.Git");
        _counter = _meter.CreateCounter<long>("homelab_git_requests_total", description: "Remote Git operations by repository and type.");
        _duration = _meter.CreateHistogram<double>("homelab_git_request_duration_seconds", unit: "s", description: "Duration of remote Git operations by repository and type.");
    }

    public long Count(GitOperationKind kind) => _counts.Where(p => p.Key.Kind == kind).Sum(p => p.Value);

    public long Count(string repositoryUrl, GitOperationKind kind) =>
        _counts.GetValueOrDefault((Mapping.GitUrl.Key(repositoryUrl), kind));

    /// <summary>Counts one operation now; disposing the result records how long it took.</summary>
    internal Timing Start(string repositoryUrl, GitOperationKind kind)
    {
        _counts.AddOrUpdate((Mapping.GitUrl.Key(repositoryUrl), kind), 1, (_, n) => n + 1);
        var tags = new TagList
        {
            { "repo", Mapping.GitUrl.Scrub(repositoryUrl) },
            { "request_type", kind == GitOperationKind.LsRemote ? "ls-remote" : "fetch" },
        };
        _counter.Add(1, tags);
        return new Timing(_duration, tags, Stopwatch.GetTimestamp());
    }

    internal readonly struct Timing(Histogram<double> duration, TagList tags, long started) : IDisposable
    {
        public void Dispose() => duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }

    public void Dispose() => _meter.Dispose();
}
