using System.Diagnostics;
using System.Text;
using Homelab.Manifests.Yaml;

namespace Homelab.Benchmarks.Rendering;

/// <summary>YAML → objects throughput on ~4 MiB of typical manifests, and the write direction for comparison.</summary>
public sealed class YamlParseScenario : IScenario
{
    private const int Iterations = 10;

    // One big stream of small objects: more documents than a single repository file may hold by default.
    private static readonly YamlLimits Limits = YamlLimits.Default with { MaxDocuments = 1_000_000 };

    public string Name => "yaml-parse";

    public string Description => "parse ~4 MiB of typical manifests with kubectl semantics: MB/s (and write MB/s)";

    public Task RunAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < 4 * 1024 * 1024; i++)
        {
            text.Append("---\n").Append(ManifestCorpus.Object(i)).Append('\n');
        }

        var yaml = text.ToString();
        var megabytes = Encoding.UTF8.GetByteCount(yaml) / 1_000_000.0;
        var objects = YamlReader.ReadObjects(yaml, "bench.yaml", Limits);

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            YamlReader.ReadObjects(yaml, "bench.yaml", Limits);
        }

        clock.Stop();
        report.Add("input size", megabytes, "MB");
        report.Add("objects in input", objects.Count, "objects");
        report.Add("parse throughput", megabytes * Iterations / clock.Elapsed.TotalSeconds, "MB/s");
        report.Add("parse rate", objects.Count * Iterations / clock.Elapsed.TotalSeconds, "objects/s");

        clock.Restart();
        for (var i = 0; i < Iterations; i++)
        {
            YamlWriter.Write(objects);
        }

        clock.Stop();
        report.Add("write throughput", megabytes * Iterations / clock.Elapsed.TotalSeconds, "MB/s");
        report.Add("peak working set", ScenarioReport.PeakWorkingSetMiB(), "MiB");
        return Task.CompletedTask;
    }
}
