using Homelab.Api.Specs;
using Homelab.Api.Tests.Infrastructure;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Yaml;

namespace Homelab.Api.Tests.Specs;

/// <summary>Every Flux and Argo CD object of this repository's example homelab reads without an Invalid problem.</summary>
public sealed class ExampleHomelabTests
{
    [Fact]
    public void EveryExampleObjectIsValid()
    {
        var read = new Dictionary<string, int>(StringComparer.Ordinal);
        var invalid = new List<string>();
        foreach (var obj in ExampleObjects())
        {
            var problems = AnyReader.Problems(obj);
            if (problems is null)
            {
                continue;
            }

            read[obj.Kind] = read.GetValueOrDefault(obj.Kind) + 1;
            invalid.AddRange(problems.Where(p => p.Kind == SpecProblemKind.Invalid).Select(p => $"{obj.Source?.File} {obj}: {p}"));
        }

        Assert.Empty(invalid);
        foreach (var kind in new[] { "GitRepository", "Kustomization", "HelmRelease", "Application", "ApplicationSet", "AppProject" })
        {
            Assert.True(read.GetValueOrDefault(kind) > 0, $"the example homelab should have a {kind}; read: {string.Join(", ", read)}");
        }
    }

    [Fact]
    public void ExampleOnlyUnsupportedFieldIsOrphanedResources()
    {
        var unsupported = ExampleObjects()
            .SelectMany(obj => (AnyReader.Problems(obj) ?? []).Where(p => p.Kind == SpecProblemKind.Unsupported).Select(p => $"{obj.Kind} {p.Path}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["AppProject spec.orphanedResources"], unsupported);
    }

    private static IEnumerable<KubeObject> ExampleObjects()
    {
        foreach (var layer in new[] { "infrastructure", "applications" })
        {
            var root = Path.Combine(RepositoryRoot.Path, layer);
            foreach (var file in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var text = File.ReadAllText(file);
                if (file.Contains($"{Path.DirectorySeparatorChar}templates{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || !(text.Contains("toolkit.fluxcd.io/", StringComparison.Ordinal) || text.Contains("argoproj.io/v1alpha1", StringComparison.Ordinal)))
                {
                    continue;
                }

                foreach (var obj in YamlReader.ReadObjects(text, file))
                {
                    yield return obj;
                }
            }
        }
    }
}
