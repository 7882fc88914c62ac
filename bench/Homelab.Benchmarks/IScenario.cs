namespace Homelab.Benchmarks;

/// <summary>
/// A scenario benchmark: an end-to-end measurement (throughput, API calls, memory) that
/// BenchmarkDotNet's micro-benchmark loop does not fit. Each one reports its own figures.
/// Scenarios are discovered by reflection, so adding one never touches a shared file.
/// </summary>
public interface IScenario
{
    /// <summary>Short, unique, kebab-case name used on the command line, e.g. <c>render-directory</c>.</summary>
    string Name { get; }

    /// <summary>One line: what is measured, and the target when an issue names one.</summary>
    string Description { get; }

    Task RunAsync(ScenarioReport report, CancellationToken cancellationToken);
}
