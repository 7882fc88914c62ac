using Homelab.Example.Tests.Cluster;
using Homelab.Example.Tests.Model;
using Homelab.Manifests.Objects;

namespace Homelab.Example.Tests;

/// <summary>Every rendered object is accepted by an API server: server-side dry-run apply against the dev cluster.</summary>
[Collection(ExampleHomelabCollection.Name)]
public sealed class DryRunTests(ExampleHomelabFixture fixture)
{
    [Fact]
    public async Task Every_rendered_path_passes_a_server_side_dry_run()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var cluster = await DryRunCluster.StartAsync(timeout.Token);
        var homelab = fixture.Homelab;
        await cluster.CreateNamespacesAsync(Namespaces(homelab), timeout.Token);

        var failures = new List<string>();
        foreach (var render in homelab.AllRenders)
        {
            var result = await cluster.DryRunApplyAsync(render.Objects, render.DefaultNamespace, timeout.Token);
            if (!result.Succeeded)
            {
                failures.Add($"{render}: {result.StandardError.Trim()}");
            }
            else
            {
                // One "serverside-applied (server dry run)" line per object: none was skipped.
                Assert.Equal(render.Objects.Count, result.StandardOutput.Split('\n').Count(l => l.Contains("(server dry run)", StringComparison.Ordinal)));
            }
        }

        Assert.Empty(failures);

        // The check can fail: a Kustomization with an apiVersion nobody serves is reported, naming the kind.
        var wrongVersion = KubeObject.FromJson("""{"apiVersion":"kustomize.toolkit.fluxcd.io/v1beta9","kind":"Kustomization","metadata":{"name":"typo","namespace":"flux-system"},"spec":{}}""");
        var rejected = await cluster.DryRunApplyAsync([wrongVersion], null, timeout.Token);
        Assert.False(rejected.Succeeded);
        Assert.Contains("Kustomization", rejected.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Namespaces the objects land in: Flux creates its own in the namespaces layer, Argo with CreateNamespace=true.</summary>
    private static IEnumerable<string> Namespaces(ExampleHomelab homelab) =>
        homelab.AllRenders.SelectMany(r => r.Objects.Select(o => o.Namespace).Append(r.DefaultNamespace))
            .Concat(homelab.Kustomizations.Select(k => k.Namespace))
            .OfType<string>()
            .Where(n => n.Length > 0);
}
