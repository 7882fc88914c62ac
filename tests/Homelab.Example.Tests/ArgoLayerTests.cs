using System.Text.RegularExpressions;
using Homelab.Example.Tests.Model;
using Homelab.Manifests.Objects;

namespace Homelab.Example.Tests;

/// <summary>The application layer: the app-of-apps tree, projects and their rules, waves and hooks.</summary>
[Collection(ExampleHomelabCollection.Name)]
public sealed class ArgoLayerTests(ExampleHomelabFixture fixture)
{
    private const string InCluster = "https://kubernetes.default.svc";

    private ExampleHomelab Homelab => fixture.Homelab;

    [Fact]
    public void The_root_unfolds_into_the_expected_applications()
    {
        Assert.Equal(
            ["arr", "home", "media", "paperless", "projects", "root", "uptime-kuma", "whoami-dev", "whoami-prod"],
            Homelab.Applications.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.Equal(9, Homelab.ArgoRenders.Count);
        Assert.All(Homelab.ArgoRenders, r => Assert.NotEmpty(r.Objects));
        Assert.Equal("stacks", Assert.Single(Homelab.ApplicationSets).Name);
        Assert.Equal("homelab", Assert.Single(Homelab.AppProjects).Name);

        var root = Homelab.Applications.Single(a => a.Name == "root");
        Assert.Equal(("argocd", "applications/apps"), (root.Object.Namespace, root.Path));
        Assert.False(root.Object.Get("spec", "source", "directory", "recurse")!.GetValue<bool>());
    }

    [Fact]
    public void The_stacks_are_generated_by_the_application_set_only()
    {
        var set = Assert.Single(Homelab.ApplicationSets);
        Assert.True(set.Get("spec", "goTemplate")!.GetValue<bool>());
        Assert.Equal("missingkey=error", set.Get("spec", "goTemplateOptions")![0]!.GetValue<string>());

        var generated = Homelab.Applications.Where(a => a.GeneratedBy == "ApplicationSet stacks").ToList();
        Assert.Equal(["arr", "home", "media", "paperless"], generated.Select(a => a.Name));
        Assert.All(generated, a =>
        {
            Assert.Equal($"applications/stacks/{a.Name}", a.Path);
            Assert.Equal(a.Name, a.DestinationNamespace);
        });
    }

    [Fact]
    public void Every_application_follows_this_repository_with_automated_self_healing_sync()
    {
        var url = Homelab.GitRepositories.Single().GetString("spec", "url");
        Assert.All(Homelab.Applications, a =>
        {
            Assert.Equal(url, a.RepoUrl);
            Assert.Equal("main", a.Object.GetString("spec", "source", "targetRevision"));
            Assert.Equal(InCluster, a.DestinationServer);
            Assert.True(a.Object.Get("spec", "syncPolicy", "automated", "prune")!.GetValue<bool>(), $"{a.Name}: automated prune");
            Assert.True(a.Object.Get("spec", "syncPolicy", "automated", "selfHeal")!.GetValue<bool>(), $"{a.Name}: automated selfHeal");
        });
        Assert.All(Homelab.ApplicationSets, s =>
        {
            Assert.Equal(url, s.GetString("spec", "template", "spec", "source", "repoURL"));
            Assert.All(s.Get("spec", "generators")!.AsArray(), g => Assert.Equal(url, g!["git"]!["repoURL"]!.GetValue<string>()));
        });
    }

    [Fact]
    public void Every_application_is_allowed_by_its_project()
    {
        var violations = new List<string>();
        foreach (var application in Homelab.Applications)
        {
            if (application.Project == "default")
            {
                // Argo's built-in project allows everything; only the bootstrap apps use it.
                Assert.Contains(application.Name, new[] { "root", "projects" });
                continue;
            }

            var project = Homelab.AppProjects.SingleOrDefault(p => p.Name == application.Project);
            if (project is null)
            {
                violations.Add($"{application.Name}: project '{application.Project}' does not exist");
                continue;
            }

            if (!Strings(project, "sourceRepos").Any(r => Glob(r, application.RepoUrl)))
            {
                violations.Add($"{application.Name}: repo {application.RepoUrl} is not permitted in project '{project.Name}'");
            }

            var destinations = project.Get("spec", "destinations")!.AsArray();
            if (!destinations.Any(d => Glob(d!["server"]?.GetValue<string>() ?? "*", application.DestinationServer) && Glob(d["namespace"]?.GetValue<string>() ?? "*", application.DestinationNamespace)))
            {
                violations.Add($"{application.Name}: destination {application.DestinationServer} namespace {application.DestinationNamespace} is not allowed in project '{project.Name}'");
            }

            var render = Homelab.ArgoRenders.Single(r => r.Owner == $"Application {application.Name}");
            foreach (var obj in render.Objects.Where(o => !IsAllowedKind(project, o)))
            {
                violations.Add($"{application.Name}: resource {obj.Group}:{obj.Kind} is not permitted in project '{project.Name}'");
            }
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void Applications_that_need_infrastructure_name_existing_kustomizations()
    {
        var kustomizations = Homelab.Kustomizations.Select(k => k.Key).ToHashSet();
        var dependent = Homelab.Applications.Where(a => a.Project == "homelab").ToList();
        Assert.NotEmpty(dependent);
        Assert.All(dependent, a =>
        {
            var annotation = a.Object.GetAnnotation("homelab.dev/depends-on");
            Assert.False(string.IsNullOrEmpty(annotation), $"{a.Name} has no homelab.dev/depends-on");
            Assert.All(annotation!.Split(','), d => Assert.Contains(d.Trim(), kustomizations));
            Assert.Contains("flux-system/ingress", annotation.Split(','));
        });
    }

    [Fact]
    public void Paperless_starts_its_database_before_the_app_behind_a_pre_sync_check()
    {
        var objects = Homelab.ArgoRenders.Single(r => r.Owner == "Application paperless").Objects;
        var postgres = objects.Single(o => o.Kind == "StatefulSet");
        var app = objects.Single(o => o.Kind == "Deployment" && o.Name == "paperless");
        Assert.Equal("0", postgres.GetAnnotation("argocd.argoproj.io/sync-wave"));
        Assert.Equal("1", app.GetAnnotation("argocd.argoproj.io/sync-wave"));
        Assert.Equal("postgres:16.8", postgres.Get("spec", "template", "spec", "containers")![0]!["image"]!.GetValue<string>());

        var hook = objects.Single(o => o.Kind == "Job");
        Assert.Equal("PreSync", hook.GetAnnotation("argocd.argoproj.io/hook"));
        Assert.Equal("BeforeHookCreation", hook.GetAnnotation("argocd.argoproj.io/hook-delete-policy"));
    }

    [Fact]
    public void Whoami_overlays_differ_only_where_the_environment_does()
    {
        Deployment("whoami-dev", out var devReplicas, out var devHost);
        Deployment("whoami-prod", out var prodReplicas, out var prodHost);
        Assert.Equal((1, "whoami-dev.home.arpa"), (devReplicas, devHost));
        Assert.Equal((2, "whoami.home.arpa"), (prodReplicas, prodHost));

        void Deployment(string application, out int replicas, out string host)
        {
            var objects = Homelab.ArgoRenders.Single(r => r.Owner == $"Application {application}").Objects;
            replicas = (int)objects.Single(o => o.Kind == "Deployment").Get("spec", "replicas")!.GetValue<long>();
            host = objects.Single(o => o.Kind == "Ingress").Get("spec", "rules")![0]!["host"]!.GetValue<string>();
        }
    }

    [Fact]
    public void Helm_application_layers_value_files_and_values_object()
    {
        var objects = Homelab.ArgoRenders.Single(r => r.Owner == "Application uptime-kuma").Objects;
        Assert.Equal("5Gi", objects.Single(o => o.Kind == "PersistentVolumeClaim").GetString("spec", "resources", "requests", "storage"));
        Assert.Equal("status.home.arpa", objects.Single(o => o.Kind == "Ingress").Get("spec", "rules")![0]!["host"]!.GetValue<string>());
    }

    [Fact]
    public void Argo_content_has_no_flux_variables_and_uses_local_path_and_traefik()
    {
        var objects = Homelab.ArgoRenders.SelectMany(r => r.Objects).ToList();
        Assert.All(objects, o => Assert.DoesNotContain("${", o.ToJson(), StringComparison.Ordinal));
        Assert.All(objects.Where(o => o.Kind == "PersistentVolumeClaim"), o => Assert.Equal("local-path", o.GetString("spec", "storageClassName")));
        Assert.All(objects.Where(o => o.Kind == "StatefulSet").SelectMany(o => o.Get("spec", "volumeClaimTemplates")!.AsArray()),
            t => Assert.Equal("local-path", t!["spec"]!["storageClassName"]!.GetValue<string>()));
        Assert.All(objects.Where(o => o.Kind == "Ingress"), o =>
        {
            Assert.Equal("traefik", o.GetString("spec", "ingressClassName"));
            Assert.EndsWith(".home.arpa", o.Get("spec", "rules")![0]!["host"]!.GetValue<string>(), StringComparison.Ordinal);
        });
    }

    private static IEnumerable<string> Strings(KubeObject obj, string field) =>
        (obj.Get("spec", field)?.AsArray() ?? []).Select(n => n!.GetValue<string>());

    private static bool IsAllowedKind(KubeObject project, KubeObject obj)
    {
        var list = ClusterScope.IsClusterScoped(obj.Kind) ? "clusterResourceWhitelist" : "namespaceResourceWhitelist";
        return (project.Get("spec", list)?.AsArray() ?? []).Any(e =>
            Glob(e!["group"]?.GetValue<string>() ?? "", obj.Group) && Glob(e["kind"]?.GetValue<string>() ?? "", obj.Kind));
    }

    /// <summary>Argo's project globs: <c>*</c> matches anything.</summary>
    private static bool Glob(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$");
}
