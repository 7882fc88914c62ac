using System.Collections.Concurrent;
using System.Diagnostics;
using Homelab.Infrastructure.Tests.Fixtures;
using Homelab.Kubernetes.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace Homelab.Infrastructure.Tests.Kustomizations;

/// <summary>
/// The flux2-kustomize-helm-example layering — infra-controllers → infra-configs → apps, with dependsOn,
/// wait and prune — applied in dependency order, each layer starting the moment the one below is Ready.
/// </summary>
public sealed class KustomizationLayeringTests(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await fixture.StartServiceAsync();

    public Task DisposeAsync() => _service.StopAsync();

    [Fact]
    public async Task LayersApplyInDependencyOrderAndDependentsStartAsSoonAsTheirDependencyIsReady()
    {
        const string ns = "flux-system";
        await fixture.CreateNamespaceAsync(ns);
        var repo = fixture.CreateRepository("ks-layers");
        var revision = GitTestRepository.Revision(repo.CommitAndPush("layers", new Dictionary<string, string>
        {
            ["infrastructure/controllers/namespace.yaml"] = FluxYaml.Namespace("ingress"),
            ["infrastructure/controllers/ingress.yaml"] = FluxYaml.Deployment("ingress-controller", "ingress"),
            ["infrastructure/configs/kustomization.yaml"] = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- config.yaml\n",
            ["infrastructure/configs/config.yaml"] = FluxYaml.ConfigMap("cluster-issuer", "ingress"),
            ["apps/namespace.yaml"] = FluxYaml.Namespace("podinfo"),
            ["apps/podinfo.yaml"] = FluxYaml.Deployment("podinfo", "podinfo"),
        }));

        var readyAt = new ConcurrentDictionary<string, TimeSpan>();
        var clock = Stopwatch.StartNew();
        var cache = _service.Services.GetRequiredService<ClusterCache>();
        using var subscription = cache.Subscribe(change =>
        {
            if (change.Object.Kind == "Kustomization" && FluxStatus.IsReady(change.Object))
            {
                readyAt.TryAdd(change.Object.Name, clock.Elapsed);
            }
        });

        await fixture.CreateAsync(FluxYaml.GitRepository(ns, "flux-system", repo.Url));
        // Created dependents first, so only dependsOn (not creation order) can explain the apply order.
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "apps", "./apps", source: "flux-system", extra: "  wait: true\n  dependsOn:\n  - name: infra-configs"));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "infra-configs", "./infrastructure/configs", source: "flux-system", extra: "  dependsOn:\n  - name: infra-controllers"));
        await fixture.CreateAsync(FluxYaml.Kustomization(ns, "infra-controllers", "./infrastructure/controllers", source: "flux-system", extra: "  wait: true"));

        var apps = await fixture.WaitForReadyAsync(ns, "apps", revision);
        Assert.Equal("True", FluxStatus.Condition(apps, "Healthy")?["status"]?.GetValue<string>());
        Assert.Equal(["_podinfo__Namespace", "podinfo_podinfo_apps_Deployment"], KustomizationHarness.InventoryIds(apps));
        await Eventually.TrueAsync(() => readyAt.ContainsKey("apps"), "the service's cache saw apps Ready");

        // Applied in order: the server's request log has every real (not dry-run) apply.
        var applies = fixture.Cluster.Requests.Log
            .Where(r => r.Key.Verb == "patch" && !r.Key.DryRun && r.Key.Subresource.Length == 0)
            .Select(r => r.Name)
            .ToList();
        var controller = applies.IndexOf("ingress-controller");
        var config = applies.IndexOf("cluster-issuer");
        var podinfo = applies.IndexOf("podinfo");
        Assert.True(controller >= 0 && config > controller && podinfo > config, $"apply order: {string.Join(", ", applies)}");

        // Woken on the event, not polled: apps is Ready within 2 s of infra-configs (its own apply and wait included).
        var gap = readyAt["apps"] - readyAt["infra-configs"];
        Assert.True(gap < TimeSpan.FromSeconds(2), $"apps became Ready {gap.TotalMilliseconds:F0} ms after infra-configs");
        Assert.True(readyAt["infra-configs"] >= readyAt["infra-controllers"]);
    }
}
