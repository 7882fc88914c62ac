using Homelab.Example.Tests.Model;
using Homelab.Manifests.Rendering;
using Homelab.Manifests.Substitution;
using Homelab.Manifests.Tools;

namespace Homelab.Example.Tests;

/// <summary>The infrastructure layer: the Flux root, its dependency graph and what each Kustomization renders.</summary>
[Collection(ExampleHomelabCollection.Name)]
public sealed class FluxLayerTests(ExampleHomelabFixture fixture)
{
    private const string RepositoryUrl = "https://github.com/homelab-dev/homelab";

    private ExampleHomelab Homelab => fixture.Homelab;

    [Fact]
    public void The_root_holds_one_git_repository_and_the_five_layers()
    {
        var source = Assert.Single(Homelab.GitRepositories);
        Assert.Equal(("homelab", "flux-system"), (source.Name, source.Namespace));
        Assert.Equal(RepositoryUrl, source.GetString("spec", "url"));
        Assert.Equal("main", source.GetString("spec", "ref", "branch"));
        Assert.Equal("1m", source.GetString("spec", "interval"));

        Assert.Equal(["cluster", "namespaces", "storage", "ingress", "monitoring", "homelab-system"], Homelab.Kustomizations.Select(k => k.Name));
        Assert.All(Homelab.Kustomizations, k =>
        {
            Assert.Equal("kustomize.toolkit.fluxcd.io/v1", k.Object.ApiVersion);
            Assert.Equal(("GitRepository", "homelab", "flux-system"), (k.SourceKind, k.SourceName, k.SourceNamespace));
            Assert.NotNull(k.Object.GetString("spec", "interval"));
            Assert.NotNull(k.Object.GetString("spec", "timeout"));
            Assert.NotNull(k.Object.GetString("spec", "retryInterval"));
            Assert.NotNull(k.Object.Get("spec", "prune"));
        });
    }

    [Fact]
    public void Layers_depend_on_each_other_in_order_without_cycles_or_dangling_targets()
    {
        var byKey = Homelab.Kustomizations.ToDictionary(k => k.Key);
        foreach (var kustomization in Homelab.Kustomizations)
        {
            foreach (var (ns, name) in kustomization.DependsOn)
            {
                Assert.True(byKey.ContainsKey($"{ns}/{name}"), $"{kustomization.Key} depends on {ns}/{name}, which does not exist");
            }
        }

        Assert.Null(DependencyGraph.FindCycle(Homelab.Kustomizations));
        Assert.Equal(["flux-system/namespaces"], byKey["flux-system/storage"].DependsOn.Select(d => $"{d.Namespace}/{d.Name}"));
        Assert.Equal(["flux-system/storage", "flux-system/homelab-system"], byKey["flux-system/ingress"].DependsOn.Select(d => $"{d.Namespace}/{d.Name}"));
        Assert.Equal(["flux-system/ingress"], byKey["flux-system/monitoring"].DependsOn.Select(d => $"{d.Namespace}/{d.Name}"));
    }

    [Fact]
    public void Every_kustomization_path_and_helm_release_renders_objects()
    {
        // Six Kustomizations and the Traefik HelmRelease; a lost file changes the count.
        Assert.Equal(7, Homelab.FluxRenders.Count);
        Assert.All(Homelab.FluxRenders, r => Assert.NotEmpty(r.Objects));
        var release = Assert.Single(Homelab.HelmReleases);
        Assert.Equal("helm.toolkit.fluxcd.io/v2", release.ApiVersion);
        Assert.Equal(("GitRepository", "homelab"), (release.GetString("spec", "chart", "spec", "sourceRef", "kind"), release.GetString("spec", "chart", "spec", "sourceRef", "name")));
    }

    [Fact]
    public void Storage_layer_installs_the_local_path_provisioner()
    {
        var kinds = Render("Kustomization flux-system/storage").Objects.Select(o => o.Kind).ToHashSet();
        Assert.Superset(new HashSet<string> { "Deployment", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "ConfigMap", "StorageClass" }, kinds);
        var storageClass = Render("Kustomization flux-system/storage").Objects.Single(o => o.Kind == "StorageClass");
        Assert.Equal(("local-path", "rancher.io/local-path"), (storageClass.Name, storageClass.GetString("provisioner")));
        var config = Render("Kustomization flux-system/storage").Objects.Single(o => o.Kind == "ConfigMap");
        Assert.Contains("\"/var/lib/homelab/volumes\"", config.GetString("data", "config.json"), StringComparison.Ordinal);
        Assert.Contains("\"$VOL_DIR\"", config.GetString("data", "setup"), StringComparison.Ordinal);
    }

    [Fact]
    public void Traefik_chart_renders_controller_service_rbac_and_ingress_class()
    {
        var objects = Render("HelmRelease traefik/traefik").Objects;
        Assert.Superset(new HashSet<string> { "Deployment", "Service", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "IngressClass", "Ingress" }, objects.Select(o => o.Kind).ToHashSet());
        Assert.Equal("LoadBalancer", objects.Single(o => o.Kind == "Service" && o.Name == "traefik").GetString("spec", "type"));
        Assert.Equal("traefik", objects.Single(o => o.Kind == "IngressClass").Name);
        Assert.Equal("traefik:v3.3.6", objects.Single(o => o.Kind == "Deployment").Get("spec", "template", "spec", "containers")![0]!["image"]!.GetValue<string>());
        Assert.Equal("traefik.home.arpa", objects.Single(o => o.Kind == "Ingress").Get("spec", "rules")![0]!["host"]!.GetValue<string>());
    }

    [Fact]
    public void Substitution_leaves_no_variable_behind_and_hosts_use_the_cluster_domain()
    {
        foreach (var render in Homelab.FluxRenders)
        {
            foreach (var obj in render.Objects.Where(o => o.GetAnnotation(PostBuildSubstitution.DisableKey) != PostBuildSubstitution.DisabledValue))
            {
                Assert.DoesNotContain("${", obj.ToJson(), StringComparison.Ordinal);
            }
        }

        var hosts = Homelab.FluxRenders.SelectMany(r => r.Objects).Where(o => o.Kind == "Ingress")
            .SelectMany(o => o.Get("spec", "rules")!.AsArray().Select(r => r!["host"]!.GetValue<string>())).Order().ToList();
        Assert.Equal(["grafana.home.arpa", "homelab.home.arpa", "prometheus.home.arpa", "traefik.home.arpa"], hosts);
    }

    [Fact]
    public async Task A_different_cluster_domain_reaches_the_ingress_hosts()
    {
        var monitoring = Homelab.Kustomizations.Single(k => k.Name == "monitoring");
        var rendered = await new ManifestRenderer(KubeToolLocator.Pinned).RenderAsync(
            new RenderRequest { SourceRoot = Homelab.Root, Path = RepositoryRoot.Normalize(monitoring.Path), Directory = new DirectoryOptions { Flux = true } },
            CancellationToken.None);
        var substituted = PostBuildSubstitution.Apply(rendered.Objects, new Dictionary<string, string> { ["cluster_domain"] = "lab.example.org" });

        var grafana = substituted.Single(o => o.Kind == "Ingress" && o.Name == "grafana");
        Assert.Equal("grafana.lab.example.org", grafana.Get("spec", "rules")![0]!["host"]!.GetValue<string>());
    }

    [Fact]
    public void Every_namespaced_infrastructure_object_names_its_namespace()
    {
        var missing = Homelab.FluxRenders.Where(r => r.DefaultNamespace is null)
            .SelectMany(r => r.Objects.Where(o => !ClusterScope.IsClusterScoped(o.Kind) && string.IsNullOrEmpty(o.Namespace)).Select(o => $"{r}: {o.Id}"))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_cycle_check_names_a_cycle_when_there_is_one()
    {
        var cyclic = new[]
        {
            Homelab.Kustomizations.Single(k => k.Name == "storage") with { DependsOn = [("flux-system", "ingress")] },
            Homelab.Kustomizations.Single(k => k.Name == "ingress"),
        };
        Assert.Equal("flux-system/storage -> flux-system/ingress -> flux-system/storage", DependencyGraph.FindCycle(cyclic));
    }

    private RenderedPath Render(string owner) => Homelab.FluxRenders.Single(r => r.Owner == owner);
}
