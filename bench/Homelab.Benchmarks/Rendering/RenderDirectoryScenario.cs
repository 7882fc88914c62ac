using System.Diagnostics;
using Homelab.Manifests.Rendering;
using Homelab.Manifests.Tools;

namespace Homelab.Benchmarks.Rendering;

/// <summary>Native directory rendering of 1,000 objects in 100 files across 10 folders (recursive).</summary>
public sealed class RenderDirectoryScenario : IScenario
{
    private const int Objects = 1_000;
    private const int Iterations = 20;

    public string Name => "render-directory";

    public string Description => $"render a {Objects}-object YAML directory natively (recursive): objects/s, peak memory";

    public async Task RunAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        var root = ManifestCorpus.WriteDirectory(Objects, perFile: 10);
        try
        {
            var renderer = new ManifestRenderer(KubeToolLocator.Pinned);
            var request = new RenderRequest { SourceRoot = root.FullName, Directory = new DirectoryOptions { Recurse = true } };
            var warm = await renderer.RenderAsync(request, cancellationToken);
            if (warm.Objects.Count != Objects)
            {
                throw new InvalidOperationException($"expected {Objects} objects, rendered {warm.Objects.Count}");
            }

            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Iterations; i++)
            {
                await renderer.RenderAsync(request, cancellationToken);
            }

            clock.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            report.Add("objects per second", Objects * Iterations / clock.Elapsed.TotalSeconds, "objects/s");
            report.Add("render time (1,000 objects)", clock.Elapsed.TotalMilliseconds / Iterations, "ms");
            report.Add("allocated per render", allocated / (double)Iterations / (1024 * 1024), "MiB");
            report.Add("peak working set", ScenarioReport.PeakWorkingSetMiB(), "MiB");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
