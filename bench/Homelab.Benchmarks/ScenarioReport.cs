using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Homelab.Benchmarks;

/// <summary>
/// Collects a scenario's figures, prints each as it is measured, and writes them as a Markdown
/// table under <c>BenchmarkDotNet.Artifacts/scenarios/</c> (git-ignored) when the scenario ends.
/// </summary>
public sealed class ScenarioReport(string scenario)
{
    private readonly List<(string Metric, string Value, string Unit)> _figures = [];

    public string Scenario { get; } = scenario;

    public void Add(string metric, double value, string unit)
    {
        var text = value.ToString(value >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);
        _figures.Add((metric, text, unit));
        Console.WriteLine($"  {metric,-48} {text,14} {unit}");
    }

    /// <summary>Peak working set of this process so far, in MiB (Linux: VmHWM).</summary>
    public static double PeakWorkingSetMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    public string Write()
    {
        var dir = Path.Combine("BenchmarkDotNet.Artifacts", "scenarios");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{Scenario}.md");
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# {Scenario}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}")
            .AppendLine()
            .AppendLine("| metric | value | unit |")
            .AppendLine("|---|---:|---|");
        foreach (var (metric, value, unit) in _figures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {metric} | {value} | {unit} |");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
