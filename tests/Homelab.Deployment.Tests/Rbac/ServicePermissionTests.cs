using Homelab.Deployment.Tests.Fixtures;
using Homelab.DevCluster.Accounting;
using Homelab.Cli.Install;
using Xunit.Abstractions;

namespace Homelab.Deployment.Tests.Rbac;

/// <summary>
/// The services' ClusterRoles and Roles are exactly the documented ones, and they are enough: each service runs a
/// representative workload against its own dev cluster (installed by <c>homelab bootstrap</c>), and every request
/// it made — from the dev cluster's request log — must be allowed for its ServiceAccount.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ServicePermissionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public void Roles_grant_exactly_the_documented_set()
    {
        var granted = new RbacPolicy(InstallManifest.Objects()).Grants();
        var documented = DocumentedGrants.Read(Repo.File("docs", "operations.md"));

        var undocumented = granted.Except(documented).Select(g => g.ToString()).Order().ToList();
        var missing = documented.Except(granted).Select(g => g.ToString()).Order().ToList();
        Assert.True(undocumented.Count == 0, "granted but not in docs/operations.md: " + string.Join("; ", undocumented));
        Assert.True(missing.Count == 0, "documented but not granted: " + string.Join("; ", missing));
    }

    [Fact]
    public async Task Infrastructure_service_needs_nothing_beyond_its_roles()
    {
        await using var bed = await BootstrappedCluster.StartAsync(url => [.. InfrastructureFiles(url), .. HelmReleaseFile()]);
        await using var observer = await Observer.StartAsync(bed.Client,
            ("kustomize.toolkit.fluxcd.io", "Kustomization"), ("helm.toolkit.fluxcd.io", "HelmRelease"), ("", "ConfigMap"));
        bed.Cluster.Requests.Reset();

        await using (var service = await InClusterService.StartInfrastructureAsync(bed.Cluster.KubeconfigPath, bed.Sub("infrastructure"), "infrastructure-0"))
        {
            await Eventually.TrueAsync(
                () => observer.IsReady("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", "web")
                    && observer.IsReady("helm.toolkit.fluxcd.io", "HelmRelease", "flux-system", "demo"),
                "Kustomizations base → web (dependsOn) and the HelmRelease from a Git chart Ready", Timeout);

            // Prune: a ConfigMap and the HelmRelease leave Git.
            bed.Remove("apps/base/b.yaml", "cluster/helmrelease.yaml");
            await Eventually.TrueAsync(
                () => observer.Get("", "ConfigMap", "demo", "base-b") is null
                    && observer.Get("helm.toolkit.fluxcd.io", "HelmRelease", "flux-system", "demo") is null,
                "pruned ConfigMap and HelmRelease", Timeout);
        }

        AssertAllowed(bed.Cluster.Requests.Log, "homelab-system/homelab-infrastructure");
    }

    [Fact]
    public async Task Applications_service_needs_nothing_beyond_its_roles()
    {
        await using var bed = await BootstrappedCluster.StartAsync(ApplicationFiles, "--apps-path", "apps-root");
        await using var observer = await Observer.StartAsync(bed.Client, ("argoproj.io", "Application"), ("", "ConfigMap"));
        bed.Cluster.Requests.Reset();

        await using (var service = await InClusterService.StartApplicationsAsync(bed.Cluster.KubeconfigPath, bed.Sub("applications"), "applications-0"))
        {
            await Eventually.TrueAsync(
                () => observer.IsSyncedAndHealthy("homelab") && observer.IsSyncedAndHealthy("web") && observer.IsSyncedAndHealthy("fleet-one"),
                "app-of-apps, its Application (project demo) and the ApplicationSet's Application Synced and Healthy", Timeout);

            bed.Remove("apps/web/b.yaml");
            await Eventually.TrueAsync(() => observer.Get("", "ConfigMap", "web", "b") is null, "auto-sync prunes ConfigMap web/b", Timeout);
        }

        AssertAllowed(bed.Cluster.Requests.Log, "homelab-system/homelab-applications");
    }

    private void AssertAllowed(IReadOnlyList<LoggedRequest> log, string serviceAccount)
    {
        var policy = new RbacPolicy(InstallManifest.Objects());
        Assert.NotEmpty(log);
        foreach (var used in log.Select(r => $"{r.Key.Verb} {r.Key.Group}/{r.Key.Resource}{(r.Key.Subresource.Length == 0 ? "" : "/" + r.Key.Subresource)}").Distinct().Order())
        {
            output.WriteLine(used);
        }

        var denied = log
            .Where(r => !policy.Allows(serviceAccount, r.Key.Verb, r.Key.Group, r.Key.Resource, r.Key.Subresource, r.Namespace))
            .Select(r => $"{r.Key.Verb} {r.Key.Group}/{r.Key.Resource}{(r.Key.Subresource.Length == 0 ? "" : "/" + r.Key.Subresource)} in {r.Namespace ?? "(cluster)"}")
            .Distinct()
            .Order()
            .ToList();
        Assert.True(denied.Count == 0, $"{serviceAccount} made requests its roles do not allow: {string.Join("; ", denied)}");
    }

    private static (string, string)[] InfrastructureFiles(string url) =>
    [
        ("cluster/source.yaml", FluxYaml.GitRepository("flux-system", "homelab", url, interval: "1s")),
        ("cluster/namespace.yaml", FluxYaml.Namespace("demo")),
        ("cluster/kustomizations.yaml", string.Join("\n---\n",
            FluxYaml.Kustomization("flux-system", "base", "./apps/base", source: "homelab", interval: "1m"),
            FluxYaml.Kustomization("flux-system", "web", "./apps/web", source: "homelab", interval: "1m", extra: "  dependsOn:\n    - name: base\n  wait: true"))),
        ("apps/base/a.yaml", FluxYaml.ConfigMap("base-a", "demo")),
        ("apps/base/b.yaml", FluxYaml.ConfigMap("base-b", "demo")),
        ("apps/web/deployment.yaml", FluxYaml.Deployment("web", "demo")),
        ("charts/demo/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 1.0.0\n"),
        ("charts/demo/templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  message: {{ .Values.message | quote }}\n"),
        ("charts/demo/values.yaml", "message: hello\n"),
    ];

    private static (string, string)[] HelmReleaseFile() =>
    [
        ("cluster/helmrelease.yaml", """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: demo
              namespace: flux-system
            spec:
              interval: 1m
              chart:
                spec:
                  chart: ./charts/demo
                  sourceRef:
                    kind: GitRepository
                    name: homelab
              values:
                message: from git
            """),
    ];

    private static (string, string)[] ApplicationFiles(string url) =>
    [
        ("apps-root/project.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata:
              name: demo
              namespace: argocd
            spec:
              sourceRepos: ["*"]
              destinations:
                - server: https://kubernetes.default.svc
                  namespace: "*"
              clusterResourceWhitelist:
                - group: "*"
                  kind: "*"
            """),
        ("apps-root/web.yaml", $"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: web
              namespace: argocd
              finalizers:
                - resources-finalizer.argocd.argoproj.io
            spec:
              project: demo
              source:
                repoURL: {url}
                targetRevision: main
                path: apps/web
              destination:
                server: https://kubernetes.default.svc
                namespace: web
              syncPolicy:
                automated:
                  prune: true
                  selfHeal: true
                syncOptions:
                  - CreateNamespace=true
            """),
        ("apps-root/appset.yaml", $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: fleet
              namespace: argocd
            spec:
              generators:
                - list:
                    elements:
                      - name: one
              template:
                metadata:
                  name: fleet-{{name}}
                spec:
                  project: default
                  source:
                    repoURL: {{{url}}}
                    targetRevision: main
                    path: apps/fleet
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: fleet-{{name}}
                  syncPolicy:
                    automated:
                      prune: true
                    syncOptions:
                      - CreateNamespace=true
            """),
        ("apps/web/a.yaml", FluxYaml.ConfigMap("a")),
        ("apps/web/b.yaml", FluxYaml.ConfigMap("b")),
        ("apps/web/deployment.yaml", FluxYaml.Deployment("web", "web")),
        ("apps/fleet/config.yaml", FluxYaml.ConfigMap("fleet")),
    ];
}
