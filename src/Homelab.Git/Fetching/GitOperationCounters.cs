using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Homelab.Git.Fetching;

/// <summary>
/// Counts remote operations by kind (and by repository) so tests, benchmarks and metrics can see what
/// a check cost. Also published as the <c>homelab_git_requests_total{repo,request_type}</c> counter.
/// </summary>
public sealed class GitOperationCounters : IDisposable
{
    private readonly ConcurrentDictionary<(string Repository, GitOperationKind Kind), long> _counts = new();
    private readonly Meter _meter;
    private readonly Counter<long> _counter;

    public GitOperationCounters(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create("Homelab.Git") ?? new Meter("Homelab.Git");
        _counter = _meter.CreateCounter<long>("homelab_git_requests_total", description: "Remote Git operations by repository and type.");
    }

    public long Count(GitOperationKind kind) => _counts.Where(p => p.Key.Kind == kind).Sum(p => p.Value);

    public long Count(string repositoryUrl, GitOperationKind kind) =>
        _counts.GetValueOrDefault((Mapping.GitUrl.Key(repositoryUrl), kind));

    internal void Record(string repositoryUrl, GitOperationKind kind)
    {
        _counts.AddOrUpdate((Mapping.GitUrl.Key(repositoryUrl), kind), 1, (_, n) => n + 1);
        _counter.Add(1, new KeyValuePair<string, object?>("repo", Mapping.GitUrl.Scrub(repositoryUrl)), new KeyValuePair<string, object?>("request_type", kind == GitOperationKind.LsRemote ? "ls-remote" : "fetch"));
    }

    public void Dispose() => _meter.Dispose();
}
