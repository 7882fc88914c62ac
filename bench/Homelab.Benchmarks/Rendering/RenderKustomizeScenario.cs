using System.Diagnostics;
using Homelab.Manifests.Rendering;
using Homelab.Manifests.Tools;

namespace Homelab.Benchmarks.Rendering;

/// <summary>A 200-object kustomization (namePrefix, labels, images) built by the real pinned kubectl.</summary>
public sealed class RenderKustomizeScenario : IScenario
{
    private const int Objects = 200;
    private const int Iterations = 5;

    public string Name => "render-kustomize";

    public string Description => $"render a {Objects}-object kustomization through real kubectl kustomize: objects/s, peak memory";

    public async Task RunAsync(ScenarioReport report, CancellationToken cancellationToken)
    {
        var root = ManifestCorpus.WriteDirectory(Objects, perFile: 10);
        try
        {
            var resources = Directory.EnumerateFiles(root.FullName, "*.yaml", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root.FullName, f))
                .Order(StringComparer.Ordinal);
            await File.WriteAllTextAsync(
                Path.Combine(root.FullName, "kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefix: bench-\n"
                + "labels:\n  - pairs: {homelab.dev/bench: \"true\"}\n"
                + "images:\n  - name: ghcr.io/example/app\n    newName: registry.local/app\n"
                + "resources:\n" + string.Concat(resources.Select(r => $"  - {r}\n")),
                cancellationToken);

            var renderer = new ManifestRenderer(KubeToolLocator.Pinned);
            var request = new RenderRequest { SourceRoot = root.FullName };
            var warm = await renderer.RenderAsync(request, cancellationToken);
            if (warm.Objects.Count != Objects || warm.Type != RenderType.Kustomize)
            {
                throw new InvalidOperationException($"expected {Objects} kustomized objects, rendered {warm.Objects.Count} ({warm.Type})");
            }

            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Iterations; i++)
            {
                await renderer.RenderAsync(request, cancellationToken);
            }

            clock.Stop();
            report.Add("objects per second", Objects * Iterations / clock.Elapsed.TotalSeconds, "objects/s");
            report.Add("render time (200 objects, incl. kubectl start)", clock.Elapsed.TotalMilliseconds / Iterations, "ms");
            report.Add("peak working set (this process; kubectl excluded)", ScenarioReport.PeakWorkingSetMiB(), "MiB");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
